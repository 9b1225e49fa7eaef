/**
 * A one-bit picture at printer dots (1 = black), drawn on in the host and sent as raster bands
 * (`GS v 0`) within the printer's limits (drivers/printer/document.ts).
 */
import { type Alignment, image, MAX_RASTER_BAND_ROWS, MAX_RASTER_WIDTH_BYTES, type RasterImage } from '../../../drivers/printer/document';

export interface MonoBitmap {
  readonly width: number;
  readonly height: number;
  /** One byte per dot, row after row: 1 black, 0 white. */
  readonly dots: Uint8Array;
}

export function blankBitmap(width: number, height: number): MonoBitmap {
  return { width, height, dots: new Uint8Array(width * height) };
}

/** Fills a rectangle black; parts outside the bitmap are left out. */
export function fillRect(bitmap: MonoBitmap, x: number, y: number, width: number, height: number): void {
  const left = Math.max(0, x);
  const right = Math.min(bitmap.width, x + width);
  for (let row = Math.max(0, y); row < Math.min(bitmap.height, y + height); row += 1) {
    bitmap.dots.fill(1, row * bitmap.width + left, row * bitmap.width + Math.max(left, right));
  }
}

/** A rectangle's outline, `thickness` dots wide, inside the given bounds. */
export function strokeRect(bitmap: MonoBitmap, x: number, y: number, width: number, height: number, thickness = 1): void {
  fillRect(bitmap, x, y, width, thickness);
  fillRect(bitmap, x, y + height - thickness, width, thickness);
  fillRect(bitmap, x, y, thickness, height);
  fillRect(bitmap, x + width - thickness, y, thickness, height);
}

/** Copies `source` into `target` with its top-left corner at (x, y), clipped to the target. */
export function blit(target: MonoBitmap, source: MonoBitmap, x: number, y: number): void {
  for (let row = 0; row < source.height; row += 1) {
    const targetRow = y + row;
    if (targetRow < 0 || targetRow >= target.height) continue;
    for (let col = 0; col < source.width; col += 1) {
      const targetCol = x + col;
      if (targetCol < 0 || targetCol >= target.width) continue;
      target.dots[targetRow * target.width + targetCol] = source.dots[row * source.width + col]!;
    }
  }
}

/** Packs rows into bytes, most significant bit leftmost, as `GS v 0` takes them. */
export function packRows(bitmap: MonoBitmap): { widthBytes: number; data: Uint8Array } {
  const widthBytes = Math.ceil(bitmap.width / 8);
  const data = new Uint8Array(widthBytes * bitmap.height);
  for (let row = 0; row < bitmap.height; row += 1) {
    for (let col = 0; col < bitmap.width; col += 1) {
      if (bitmap.dots[row * bitmap.width + col] === 1) data[row * widthBytes + (col >> 3)]! |= 0x80 >> (col & 7);
    }
  }
  return { widthBytes, data };
}

/**
 * The bitmap as raster elements of at most MAX_RASTER_BAND_ROWS rows each; printed one after the
 * other they make the whole picture. A bitmap wider than the head is refused (a layout bug).
 */
export function rasterBands(bitmap: MonoBitmap, align: Alignment = 'centre'): RasterImage[] {
  const { widthBytes, data } = packRows(bitmap);
  if (widthBytes > MAX_RASTER_WIDTH_BYTES) throw new RangeError(`a ${bitmap.width}-dot bitmap is wider than the head`);
  const bands: RasterImage[] = [];
  for (let top = 0; top < bitmap.height; top += MAX_RASTER_BAND_ROWS) {
    const rows = Math.min(MAX_RASTER_BAND_ROWS, bitmap.height - top);
    bands.push(image(widthBytes, rows, data.slice(top * widthBytes, (top + rows) * widthBytes), align));
  }
  return bands;
}
