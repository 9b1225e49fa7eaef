/**
 * A raster image element as a 1-bit BMP, so the SVG view (and a browser) shows the dots exactly
 * as received: BMP needs no compression or checksums, and every browser draws it.
 */
import type { RasterImage } from '../../drivers/printer/document';

const FILE_HEADER = 14;
const INFO_HEADER = 40;
const PALETTE = 8;

/** Rows bottom-up, each padded to 4 bytes; palette 0 = white, 1 = black, as the printer's bits. */
export function rasterToBmp(image: Pick<RasterImage, 'widthBytes' | 'heightDots' | 'data'>): Uint8Array {
  const { widthBytes, heightDots, data } = image;
  const stride = Math.ceil(widthBytes / 4) * 4;
  const offset = FILE_HEADER + INFO_HEADER + PALETTE;
  const bytes = new Uint8Array(offset + stride * heightDots);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x42; // 'B'
  bytes[1] = 0x4d; // 'M'
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, offset, true);
  view.setUint32(14, INFO_HEADER, true);
  view.setInt32(18, widthBytes * 8, true);
  view.setInt32(22, heightDots, true);
  view.setUint16(26, 1, true); // planes
  view.setUint16(28, 1, true); // bits per pixel
  view.setUint32(34, stride * heightDots, true);
  view.setUint32(38, 8268, true); // 210 dpi in pixels per metre, about the head's 203 dpi
  view.setUint32(42, 8268, true);
  view.setUint32(46, 2, true); // colours used
  view.setUint32(54, 0x00ffffff, true); // palette 0: white
  view.setUint32(58, 0x00000000, true); // palette 1: black
  for (let row = 0; row < heightDots; row += 1) {
    const source = data.subarray(row * widthBytes, (row + 1) * widthBytes);
    bytes.set(source, offset + (heightDots - 1 - row) * stride);
  }
  return bytes;
}
