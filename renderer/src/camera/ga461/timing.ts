/**
 * "Face ready" to a composed, checked GA 461 JPEG, timed where it runs (Node for `npm run bench`,
 * Chromium for the camera bench). The baseline, timed in the same run and interleaved with it so
 * that load falls on both alike, is a plain copy of the frame's pixels: what any use of the frame
 * costs at the least.
 */
import type { JpegEncoder } from './encode';
import { makeGa461Photo } from './make-photo';
import type { Ga461Face, RgbaImage } from './types';

export interface Ga461Timing {
  /** ms per photo, one per run. */
  readonly photoMs: readonly number[];
  /** ms per plain frame copy, one per run. */
  readonly copyMs: readonly number[];
  /** Whether the last photo passed every check, and its size. */
  readonly passed: boolean;
  readonly bytes: number;
}

export async function timeGa461Photo(
  frame: RgbaImage,
  faces: readonly Ga461Face[],
  encode: JpegEncoder,
  options: { readonly warmup: number; readonly runs: number },
): Promise<Ga461Timing> {
  const photoMs: number[] = [];
  const copyMs: number[] = [];
  let passed = false;
  let bytes = 0;
  let sink = 0;
  for (let run = 0; run < options.warmup + options.runs; run += 1) {
    const copyStarted = performance.now();
    const copy = new Uint8ClampedArray(frame.data);
    sink += copy[copy.length >> 1]!;
    const copyElapsed = performance.now() - copyStarted;
    const started = performance.now();
    const photo = await makeGa461Photo(frame, faces, encode);
    const elapsed = performance.now() - started;
    passed = photo.passed;
    bytes = photo.jpeg.length;
    if (run >= options.warmup) {
      photoMs.push(elapsed);
      copyMs.push(copyElapsed);
    }
  }
  // Keeps the copy from being optimised away.
  if (sink < 0) throw new Error('unreachable');
  return { photoMs, copyMs, passed, bytes };
}
