/**
 * A holder's photo for the thermal head: the JPEG decoded (jpeg-js), scaled to fit a box at
 * printer dots, and dithered to black and white (Floyd-Steinberg), because the head prints only
 * dots. Anything that is not a whole, sane JPEG is a typed error, never an exception escaping.
 */
import jpeg from 'jpeg-js';
import type { MonoBitmap } from './mono-bitmap';
import { SlipError } from './slip-error';

/** An ID photo is 358 x 441; anything far beyond a phone camera's frame is refused, not decoded. */
const MAX_PHOTO_MEGAPIXELS = 24;
/** Thermal paper prints darker than a screen: mid-tones are lifted a little before dithering. */
const TONE_GAMMA = 0.8;

interface GreyImage {
  readonly width: number;
  readonly height: number;
  /** 0 black .. 255 white, one value per pixel. */
  readonly grey: Float32Array;
}

function decodeGrey(jpegBytes: Uint8Array): GreyImage {
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(jpegBytes, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: MAX_PHOTO_MEGAPIXELS,
      maxMemoryUsageInMB: 256,
    });
  } catch (error) {
    throw new SlipError('photo-unreadable', `the photo is not a readable JPEG: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { width, height, data } = decoded;
  if (width < 1 || height < 1 || data.length < width * height * 4) {
    throw new SlipError('photo-unreadable', `the photo decodes to ${width} x ${height} without its pixels`);
  }
  const grey = new Float32Array(width * height);
  for (let index = 0; index < grey.length; index += 1) {
    grey[index] = 0.299 * data[index * 4]! + 0.587 * data[index * 4 + 1]! + 0.114 * data[index * 4 + 2]!;
  }
  return { width, height, grey };
}

/** The largest size with the photo's proportions that fits the box (at least 1 x 1). */
export function fitInside(width: number, height: number, boxWidth: number, boxHeight: number): { width: number; height: number } {
  const scale = Math.min(boxWidth / width, boxHeight / height);
  return {
    width: Math.max(1, Math.min(boxWidth, Math.round(width * scale))),
    height: Math.max(1, Math.min(boxHeight, Math.round(height * scale))),
  };
}

/** Each output dot is the mean of the source pixels it covers (the nearest one when enlarging). */
function resample(source: GreyImage, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const top = Math.floor((y * source.height) / height);
    const bottom = Math.max(top + 1, Math.floor(((y + 1) * source.height) / height));
    for (let x = 0; x < width; x += 1) {
      const left = Math.floor((x * source.width) / width);
      const right = Math.max(left + 1, Math.floor(((x + 1) * source.width) / width));
      let sum = 0;
      for (let sy = top; sy < bottom; sy += 1) {
        for (let sx = left; sx < right; sx += 1) sum += source.grey[sy * source.width + sx]!;
      }
      out[y * width + x] = sum / ((bottom - top) * (right - left));
    }
  }
  return out;
}

/** Floyd-Steinberg, serpentine so the error does not drift to one side. */
function dither(grey: Float32Array, width: number, height: number): Uint8Array {
  const level = grey.map((value) => 255 * Math.pow(Math.min(255, Math.max(0, value)) / 255, TONE_GAMMA));
  const dots = new Uint8Array(width * height);
  const spread = (x: number, y: number, amount: number): void => {
    if (x >= 0 && x < width && y < height) level[y * width + x]! += amount;
  };
  for (let y = 0; y < height; y += 1) {
    const forward = y % 2 === 0;
    for (let step = 0; step < width; step += 1) {
      const x = forward ? step : width - 1 - step;
      const old = level[y * width + x]!;
      const black = old < 128;
      dots[y * width + x] = black ? 1 : 0;
      const error = old - (black ? 0 : 255);
      const ahead = forward ? 1 : -1;
      spread(x + ahead, y, (error * 7) / 16);
      spread(x - ahead, y + 1, (error * 3) / 16);
      spread(x, y + 1, (error * 5) / 16);
      spread(x + ahead, y + 1, error / 16);
    }
  }
  return dots;
}

/** The photo fitted into a box of `boxWidth` x `boxHeight` dots (keeping its proportions), dithered. */
export function photoBitmap(jpegBytes: Uint8Array | undefined, boxWidth: number, boxHeight: number): MonoBitmap {
  if (jpegBytes === undefined || jpegBytes.length === 0) throw new SlipError('photo-missing', 'no photo to print');
  const source = decodeGrey(jpegBytes);
  const { width, height } = fitInside(source.width, source.height, boxWidth, boxHeight);
  return { width, height, dots: dither(resample(source, width, height), width, height) };
}
