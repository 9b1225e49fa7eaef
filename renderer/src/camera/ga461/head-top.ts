/**
 * Top of the hair. The face mesh ends at the forehead (point 10), so the hair above it is found in
 * the pixels: going up from the forehead in a band half a face wide, the head goes on while a
 * fair share of the band's pixels differ from the background; the first row where almost none do
 * is above the head. The background colour is read in the frame's top rows well beside the head,
 * where hair rarely reaches.
 */
import { faceWidthOf } from './similarity';
import type { Ga461Face, RgbaImage } from './types';

/** A pixel differs from the background when some channel is further than this from it. */
const COLOUR_STEP = 36;
/** The head goes on while at least this share of the band differs from the background. */
const HEAD_SHARE = 0.12;

export interface HeadTopEstimate {
  /** Row of the topmost hair pixel (0 when the head reaches the frame's top edge). */
  readonly y: number;
  /** True when the hair runs into the top edge: the frame has no margin above the head. */
  readonly touchesTop: boolean;
}

function backgroundColour(image: RgbaImage, centreX: number, faceWidth: number): [number, number, number] {
  const columns: number[] = [];
  for (const side of [-1, 1]) {
    const from = Math.round(centreX + side * 0.8 * faceWidth);
    const to = Math.round(centreX + side * 1.2 * faceWidth);
    for (let x = Math.min(from, to); x <= Math.max(from, to); x += 1) columns.push(Math.min(image.width - 1, Math.max(0, x)));
  }
  const sums = [0, 0, 0];
  let count = 0;
  for (let y = 0; y < Math.min(4, image.height); y += 1) {
    for (const x of columns) {
      const i = (y * image.width + x) * 4;
      for (let c = 0; c < 3; c += 1) sums[c]! += image.data[i + c]!;
      count += 1;
    }
  }
  return [sums[0]! / count, sums[1]! / count, sums[2]! / count];
}

export function estimateHeadTop(image: RgbaImage, face: Pick<Ga461Face, 'forehead' | 'faceLeft' | 'faceRight'>): HeadTopEstimate {
  const faceWidth = faceWidthOf(face);
  const centreX = face.forehead.x;
  const background = backgroundColour(image, centreX, faceWidth);
  const left = Math.max(0, Math.round(centreX - faceWidth / 4));
  const right = Math.min(image.width - 1, Math.round(centreX + faceWidth / 4));
  const start = Math.min(image.height - 1, Math.max(0, Math.round(face.forehead.y)));
  for (let y = start; y >= 0; y -= 1) {
    let differing = 0;
    for (let x = left; x <= right; x += 1) {
      const i = (y * image.width + x) * 4;
      const d = Math.max(
        Math.abs(image.data[i]! - background[0]),
        Math.abs(image.data[i + 1]! - background[1]),
        Math.abs(image.data[i + 2]! - background[2]),
      );
      if (d > COLOUR_STEP) differing += 1;
    }
    if (differing < HEAD_SHARE * (right - left + 1)) return { y: Math.min(start, y + 1), touchesTop: false };
  }
  return { y: 0, touchesTop: true };
}
