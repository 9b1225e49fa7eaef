import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { packageDir } from '../../main/host/camera/model-files';

/** An RGB picture: `width * height * 3` bytes, rows top to bottom. */
export interface Picture {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * The rendered frontal face that @vladmandic/human (MIT) ships for its warm-up, in its
 * `src/sample.ts`: a computer-made face, not a photo of a person, which we may redistribute.
 * 256x256; read from the installed package so no copy of it sits in this repository.
 */
export function sampleFace(): Picture {
  const source = readFileSync(join(packageDir('@vladmandic/human'), 'src', 'sample.ts'), 'utf8');
  const match = /export const face: string = `([^`]+)`/.exec(source);
  if (!match) throw new Error("human's src/sample.ts no longer holds the face sample");
  const decoded = jpeg.decode(Buffer.from(match[1]!.replace(/\s/g, ''), 'base64'), { useTArray: true, formatAsRGBA: false });
  return { width: decoded.width, height: decoded.height, data: decoded.data };
}

/**
 * Where the sample face's features are, in its own 256x256 pixels, as human's face mesh finds
 * them (measured once in Chromium): the eyes (mesh 33-133 and 362-263, lids 159/145 and 386/374),
 * the nose tip (1) and the cheek edges (234, 454).
 */
export const SAMPLE_FACE_FEATURES = {
  leftEye: { x: 86, y: 95, halfWidth: 19, halfHeight: 10 },
  rightEye: { x: 161, y: 93, halfWidth: 19, halfHeight: 10 },
  noseX: 121,
  cheekLeftX: 46,
  cheekRightX: 208,
  /** An ellipse around hair, face and chin (the rest is the picture's backdrop). */
  head: { cx: 126, cy: 112, rx: 94, ry: 136 },
  /** How far above the picture's top edge the head goes on (the picture cuts the hair off). */
  crownPx: 24,
  /** Skin just below each eye, where the closed lid's colour comes from. */
  skinBelowEyeDy: 18,
} as const;
