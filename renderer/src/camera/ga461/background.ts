/**
 * The background beside the head: two strips from near the top down to the eye line (shoulders
 * come lower), kept clear of the face by most of a face width so that hair and ears stay out.
 * Each strip is cut into cells; the figures are the cells' mean brightness, the spread between the
 * brightest and darkest cell (evenness: a shadow or a lamp), the mean noise inside cells
 * (plainness: a patterned wall) and the colour cast (white, not tinted).
 */
import type { RgbaImage } from './types';

export interface BackgroundFigures {
  /** Mean luma 0-255 of the sampled cells. */
  readonly luma: number;
  /** Brightest cell minus darkest cell, luma. */
  readonly cellSpread: number;
  /** Mean standard deviation of luma inside a cell. */
  readonly noise: number;
  /** Largest difference between the mean R, G and B. */
  readonly cast: number;
  readonly cells: number;
}

const EDGE = 4;
const CELLS_PER_STRIP = 4;
/** Strips end this many face widths from the face centre. */
const CLEARANCE = 0.72;
const MIN_STRIP_WIDTH = 6;

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

interface Cell {
  readonly luma: number;
  readonly noise: number;
  readonly rgb: readonly [number, number, number];
}

function measureCell(image: RgbaImage, x0: number, x1: number, y0: number, y1: number): Cell {
  let sum = 0;
  let sumSq = 0;
  const rgb: [number, number, number] = [0, 0, 0];
  let n = 0;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const i = (y * image.width + x) * 4;
      const r = image.data[i]!;
      const g = image.data[i + 1]!;
      const b = image.data[i + 2]!;
      const l = luma(r, g, b);
      sum += l;
      sumSq += l * l;
      rgb[0] += r;
      rgb[1] += g;
      rgb[2] += b;
      n += 1;
    }
  }
  const mean = sum / n;
  return { luma: mean, noise: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), rgb: [rgb[0] / n, rgb[1] / n, rgb[2] / n] };
}

/** `undefined` when there is no room beside the head for a single strip. */
export function measureBackground(photo: RgbaImage, faceCentreX: number, faceWidth: number, eyeLineY: number): BackgroundFigures | undefined {
  const bottom = Math.min(photo.height - EDGE, Math.round(eyeLineY));
  if (bottom - EDGE < CELLS_PER_STRIP * 2) return undefined;
  const strips: Array<[number, number]> = [
    [EDGE, Math.round(faceCentreX - CLEARANCE * faceWidth)],
    [Math.round(faceCentreX + CLEARANCE * faceWidth), photo.width - EDGE],
  ];
  const cells: Cell[] = [];
  for (const [from, to] of strips) {
    const x0 = Math.max(EDGE, from);
    const x1 = Math.min(photo.width - EDGE, to);
    if (x1 - x0 < MIN_STRIP_WIDTH) continue;
    const step = (bottom - EDGE) / CELLS_PER_STRIP;
    for (let c = 0; c < CELLS_PER_STRIP; c += 1) {
      cells.push(measureCell(photo, x0, x1, Math.round(EDGE + c * step), Math.round(EDGE + (c + 1) * step)));
    }
  }
  if (cells.length === 0) return undefined;
  const lumas = cells.map((c) => c.luma);
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const rgb = [0, 1, 2].map((k) => mean(cells.map((c) => c.rgb[k]!)));
  return {
    luma: mean(lumas),
    cellSpread: Math.max(...lumas) - Math.min(...lumas),
    noise: mean(cells.map((c) => c.noise)),
    cast: Math.max(...rgb) - Math.min(...rgb),
    cells: cells.length,
  };
}
