import { describe, expect, it } from 'vitest';
import { encodeDocument, parseEscPos } from '../../../drivers/printer/codec';
import { checkDocument, image, MAX_RASTER_BAND_ROWS, type RasterImage, receipt, text } from '../../../drivers/printer/document';
import { blankBitmap, fillRect, type MonoBitmap, rasterBands, strokeRect } from '../../../main/host/printing/mono-bitmap';
import { photoBitmap } from '../../../main/host/printing/photo-raster';
import { SlipError } from '../../../main/host/printing/slip-error';
import { SIMULATED_FACE_JPEG } from '../../../simulators/camera/simulated-camera';
import { blackShare, syntheticJpeg } from './fixtures';

/** Unpacks the images a parsed job holds back into one bitmap, stacking bands as the paper does. */
function stacked(images: readonly RasterImage[]): MonoBitmap {
  const width = images[0]!.widthBytes * 8;
  const height = images.reduce((sum, band) => sum + band.heightDots, 0);
  const bitmap = blankBitmap(width, height);
  let top = 0;
  for (const band of images) {
    expect(band.widthBytes * 8).toBe(width);
    for (let row = 0; row < band.heightDots; row += 1) {
      for (let col = 0; col < width; col += 1) {
        const bit = (band.data[row * band.widthBytes + (col >> 3)]! >> (7 - (col & 7))) & 1;
        bitmap.dots[(top + row) * width + col] = bit;
      }
    }
    top += band.heightDots;
  }
  return bitmap;
}

function parsedImages(bytes: Uint8Array): RasterImage[] {
  const parsed = parseEscPos(bytes);
  expect(parsed.warnings).toEqual([]);
  return parsed.jobs.flatMap((job) => job.document.elements.filter((element): element is RasterImage => element.kind === 'image'));
}

describe('raster image encoding (GS v 0)', () => {
  it('comes back dot for dot through the simulator parser, split into bands within the limit', () => {
    // Not a multiple of 8 wide, and taller than one band: the padding bits and the band joins are where it breaks.
    const bitmap = blankBitmap(203, 300);
    strokeRect(bitmap, 0, 0, 203, 300, 2);
    fillRect(bitmap, 40, 250, 30, 20); // straddles the join at row 255
    for (let i = 0; i < 200; i += 1) bitmap.dots[i * 203 + i] = 1;

    const bands = rasterBands(bitmap, 'left');
    expect(bands.map((band) => band.heightDots)).toEqual([MAX_RASTER_BAND_ROWS, 300 - MAX_RASTER_BAND_ROWS]);
    const bytes = encodeDocument(receipt([text('before'), ...bands, text('after')]));
    // GS v 0 m=0, 26 bytes wide (203 dots rounded up), 255 rows.
    expect([...bytes.subarray(bytes.indexOf(0x76) - 1, bytes.indexOf(0x76) + 7)]).toEqual([0x1d, 0x76, 0x30, 0, 26, 0, 255, 0]);

    const images = parsedImages(bytes);
    const back = stacked(images);
    expect(back.height).toBe(300);
    for (let row = 0; row < 300; row += 1) {
      expect([...back.dots.subarray(row * back.width, row * back.width + 203)]).toEqual([...bitmap.dots.subarray(row * 203, (row + 1) * 203)]);
      expect(blackShare(back.dots.subarray(row * back.width + 203, (row + 1) * back.width))).toBe(0);
    }
  });

  it('keeps the text around an image in order', () => {
    const bitmap = blankBitmap(16, 2);
    fillRect(bitmap, 0, 0, 8, 1);
    const parsed = parseEscPos(encodeDocument(receipt([text('上'), ...rasterBands(bitmap), text('下')])));
    expect(parsed.jobs[0]!.document.elements.map((element) => element.kind)).toEqual(['text', 'image', 'text', 'cut']);
    expect(parsed.jobs[0]!.document.elements[1]).toMatchObject({ widthBytes: 2, heightDots: 2, data: Uint8Array.of(0xff, 0, 0, 0) });
  });

  it('refuses a bitmap wider than the head, and a raster element beyond the limits or short of its data', () => {
    expect(() => rasterBands(blankBitmap(577, 1))).toThrow(RangeError);
    const check = (widthBytes: number, heightDots: number, length = widthBytes * heightDots) =>
      checkDocument(receipt([image(widthBytes, heightDots, new Uint8Array(length))])).ok;
    expect(check(72, 255)).toBe(true);
    expect(check(73, 1)).toBe(false);
    expect(check(1, 256)).toBe(false);
    expect(check(0, 1)).toBe(false);
    expect(check(10, 10, 99)).toBe(false);
  });

  it('skips only the header of a raster command beyond the limits, and prints what follows', () => {
    const corrupt = Uint8Array.of(0x1b, 0x40, 0x1d, 0x76, 0x30, 0x00, 0xff, 0x00, 0x10, 0x00, 0x41, 0x0a, 0x1d, 0x56, 0x42, 0x00);
    const parsed = parseEscPos(corrupt);
    expect(parsed.warnings.some((warning) => warning.includes('outside the printer'))).toBe(true);
    expect(parsed.jobs[0]!.document.elements[0]).toMatchObject({ kind: 'text', text: 'A' });
  });
});

describe('the photo for the head', () => {
  it('scales an oversize photo down into the box, keeping its proportions', () => {
    const big = syntheticJpeg(1600, 2000, (x, y) => ((x >> 6) + (y >> 6)) % 2 === 0 ? 30 : 230);
    const photo = photoBitmap(big, 208, 256);
    expect(photo.width).toBeLessThanOrEqual(208);
    expect(photo.height).toBe(256);
    expect(photo.width / photo.height).toBeCloseTo(1600 / 2000, 2);
  });

  it('fits the drawn 480 x 640 face into the box and keeps both black and white in it', () => {
    const photo = photoBitmap(SIMULATED_FACE_JPEG, 208, 256);
    expect([photo.width, photo.height]).toEqual([192, 256]);
    const share = blackShare(photo.dots);
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.95);
  });

  it('dithers grey levels to matching shares of black dots', () => {
    const share = (level: number): number => blackShare(photoBitmap(syntheticJpeg(64, 64, () => level), 64, 64).dots);
    expect(share(255)).toBe(0);
    expect(share(0)).toBe(1);
    const mid = share(128);
    expect(mid).toBeGreaterThan(0.3);
    expect(mid).toBeLessThan(0.6);
    expect(share(64)).toBeGreaterThan(mid);
  });

  it('turns bytes that are not a JPEG, or a cut-off JPEG, into a typed error', () => {
    const codeOf = (bytes: Uint8Array | undefined): string => {
      try {
        photoBitmap(bytes, 208, 256);
        return 'no error';
      } catch (error) {
        return error instanceof SlipError ? error.code : `untyped: ${String(error)}`;
      }
    };
    expect(codeOf(Buffer.from('definitely not a jpeg'))).toBe('photo-unreadable');
    expect(codeOf(SIMULATED_FACE_JPEG.subarray(0, SIMULATED_FACE_JPEG.length / 2))).toBe('photo-unreadable');
    expect(codeOf(undefined)).toBe('photo-missing');
    expect(codeOf(new Uint8Array(0))).toBe('photo-missing');
  });
});
