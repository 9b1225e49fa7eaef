/** Geometry read back from a composed photo's pixels, independently of the landmarks that made it. */
import type { RgbaImage } from '../../../../renderer/src/camera/ga461';
import type { Rgb } from './drawn-face';

const near = (image: RgbaImage, x: number, y: number, colour: Rgb, tolerance: number): boolean => {
  const i = (y * image.width + x) * 4;
  return Math.abs(image.data[i]! - colour[0]) <= tolerance && Math.abs(image.data[i + 1]! - colour[1]) <= tolerance && Math.abs(image.data[i + 2]! - colour[2]) <= tolerance;
};

/** Width of the run of `colour` along row y, from its first to its last pixel. */
export function runWidth(image: RgbaImage, y: number, colour: Rgb, tolerance = 40): number {
  const row = Math.round(y);
  let first = -1;
  let last = -1;
  for (let x = 0; x < image.width; x += 1) {
    if (near(image, x, row, colour, tolerance)) {
      if (first < 0) first = x;
      last = x;
    }
  }
  return first < 0 ? 0 : last - first + 1;
}

/** First row from the top with at least `minPixels` pixels of `colour`. */
export function firstRowWith(image: RgbaImage, colour: Rgb, minPixels = 3, tolerance = 40): number {
  for (let y = 0; y < image.height; y += 1) {
    let n = 0;
    for (let x = 0; x < image.width; x += 1) if (near(image, x, y, colour, tolerance)) n += 1;
    if (n >= minPixels) return y;
  }
  return -1;
}

/** Centroid of the pixels of `colour` in rows y0..y1 (pixel centres): where a figure sits. */
export function centroid(image: RgbaImage, y0: number, y1: number, colour: Rgb, tolerance = 40): { x: number; y: number; pixels: number } {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = Math.max(0, Math.round(y0)); y <= Math.min(image.height - 1, Math.round(y1)); y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      if (near(image, x, y, colour, tolerance)) {
        sx += x + 0.5;
        sy += y + 0.5;
        n += 1;
      }
    }
  }
  return { x: n === 0 ? Number.NaN : sx / n, y: n === 0 ? Number.NaN : sy / n, pixels: n };
}
