import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** One picture: `width * height * 3` bytes, RGB, rows top to bottom. */
export type RgbFrame = Uint8Array;

export interface Y4mVideo {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** RGB frames; Chromium's fake camera plays them in a loop. Made one at a time, never all held. */
  readonly frames: Iterable<RgbFrame>;
}

/**
 * Writes a YUV4MPEG2 video (4:2:0, BT.601 limited range), the format Chromium's fake capture
 * device reads (`--use-file-for-fake-video-capture=<file.y4m>`). The file appears whole or not at
 * all (written beside it and renamed), so a reader never sees half a video. Even sizes only:
 * 4:2:0 halves both.
 */
export function writeY4m(path: string, video: Y4mVideo): { readonly frames: number; readonly bytes: number } {
  const { width, height, fps } = video;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 2 || height < 2 || width % 2 || height % 2) {
    throw new RangeError(`y4m needs even positive sizes, got ${width}x${height}`);
  }
  if (!Number.isInteger(fps) || fps < 1 || fps > 120) throw new RangeError(`fps must be 1..120, got ${fps}`);
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  const fd = openSync(partial, 'w');
  let frames = 0;
  let bytes = 0;
  try {
    const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii');
    bytes += writeSync(fd, header);
    const frameHeader = Buffer.from('FRAME\n', 'ascii');
    const planes = Buffer.alloc(width * height * 1.5);
    for (const rgb of video.frames) {
      if (rgb.length !== width * height * 3) throw new RangeError(`frame ${frames} has ${rgb.length} bytes, ${width * height * 3} expected`);
      rgbToI420(rgb, width, height, planes);
      bytes += writeSync(fd, frameHeader);
      bytes += writeSync(fd, planes);
      frames++;
    }
    if (frames === 0) throw new RangeError('a video needs at least one frame');
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(partial, path);
  return { frames, bytes };
}

const clampByte = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** RGB to planar Y, U, V (chroma averaged over each 2x2 block). */
export function rgbToI420(rgb: RgbFrame, width: number, height: number, out: Uint8Array): void {
  const uOffset = width * height;
  const vOffset = uOffset + (width / 2) * (height / 2);
  for (let i = 0, p = 0; i < width * height; i++, p += 3) {
    out[i] = clampByte(16 + 0.257 * rgb[p]! + 0.504 * rgb[p + 1]! + 0.098 * rgb[p + 2]!);
  }
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const p = ((y + dy) * width + x + dx) * 3;
        r += rgb[p]!;
        g += rgb[p + 1]!;
        b += rgb[p + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const c = (y / 2) * (width / 2) + x / 2;
      out[uOffset + c] = clampByte(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      out[vOffset + c] = clampByte(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
}
