/**
 * "Face ready" to the photo the citizen is shown: compose, check, encode. What the camera step calls
 * for the id-photo purpose, and what the bench times.
 */
import { checkGa461, type Ga461Report } from './checks';
import { composeGa461, type Ga461Adjustments } from './compose';
import { encodeGa461Jpeg, type JpegEncoder } from './encode';
import type { Ga461Face, RgbaImage } from './types';

/** Structurally an IdPhotoQuality (drivers/camera/camera-port.ts) with the figures behind each check. */
export interface Ga461Quality {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly bytes: number;
  readonly checks: Ga461Report['checks'];
  readonly figures: Ga461Report['figures'];
}

export interface Ga461Photo {
  /** The 358x441 pixels, for the screen. */
  readonly photo: RgbaImage;
  /** The faces in photo coordinates, the photo's own first (what the checks measured). */
  readonly faces: readonly Ga461Face[];
  readonly jpeg: Uint8Array;
  readonly passed: boolean;
  readonly quality: Ga461Quality;
  readonly adjustments: Ga461Adjustments;
  readonly jpegQuality: number;
}

export async function makeGa461Photo(frame: RgbaImage, facesInFrame: readonly Ga461Face[], encode: JpegEncoder): Promise<Ga461Photo> {
  const composed = composeGa461(frame, facesInFrame);
  const report = checkGa461(composed.photo, composed.faces);
  const encoded = await encodeGa461Jpeg(composed.photo, encode);
  return {
    photo: composed.photo,
    faces: composed.faces,
    jpeg: encoded.jpeg,
    passed: report.passed,
    quality: { widthPx: composed.photo.width, heightPx: composed.photo.height, bytes: encoded.jpeg.length, checks: report.checks, figures: report.figures },
    adjustments: composed.adjustments,
    jpegQuality: encoded.quality,
  };
}
