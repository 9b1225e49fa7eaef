/**
 * The one instruction the camera step shows for a frame: the first thing in the way of a good
 * picture, in the order a citizen can act on it. Pure: tested on recorded measurements.
 */
import type { FaceMeasure } from './face-measure';

export const GUIDANCE = ['moreLight', 'noFace', 'oneFaceOnly', 'uncover', 'comeCloser', 'moveBack', 'moveToCentre', 'faceCamera', 'hold'] as const;
export type Guidance = (typeof GUIDANCE)[number];

/** What one frame showed. */
export interface FrameFacts {
  readonly width: number;
  readonly height: number;
  /** Mean brightness of the whole frame, 0..255. */
  readonly brightness: number;
  readonly faces: readonly FaceMeasure[];
}

export const GUIDANCE_LIMITS = {
  /** Below this the detector cannot be trusted and the citizen is asked for light. */
  darkFrame: 45,
  /** design.md: a face counts from score 0.8; a lower one is covered (hat, glasses, mask, hand). */
  minScore: 0.8,
  /**
   * Eyes darker than this share of the cheeks are behind dark glasses (the detector still scores
   * them high). Measured on the simulator's face: open eyes under heavy make-up 0.44, painted dark
   * glasses 0.20; not yet measured on real faces and glasses.
   */
  minEyeShade: 0.3,
  /** A second face counts from here (someone passing behind is ignored below it). */
  otherFaceScore: 0.6,
  /** Face width (cheek to cheek) as a share of the frame width. */
  minWidthShare: 0.22,
  maxWidthShare: 0.45,
  /** How far the face centre may sit from the frame's centre, as shares of width and height. */
  maxOffsetX: 0.12,
  maxOffsetY: 0.16,
  maxYawDeg: 12,
  maxPitchDeg: 15,
} as const;

/** The face the step works with: the largest one. */
export function mainFace(faces: readonly FaceMeasure[]): FaceMeasure | undefined {
  return faces.reduce<FaceMeasure | undefined>((best, face) => (!best || face.widthPx > best.widthPx ? face : best), undefined);
}

export function guidance(frame: FrameFacts): Guidance {
  const L = GUIDANCE_LIMITS;
  if (frame.brightness < L.darkFrame) return 'moreLight';
  const face = mainFace(frame.faces);
  if (!face) return 'noFace';
  if (frame.faces.filter((f) => f !== face && f.score >= L.otherFaceScore).length > 0) return 'oneFaceOnly';
  if (face.score < L.minScore || (face.eyeShade !== undefined && face.eyeShade < L.minEyeShade)) return 'uncover';
  const share = face.widthPx / frame.width;
  if (share < L.minWidthShare) return 'comeCloser';
  if (share > L.maxWidthShare) return 'moveBack';
  if (Math.abs(face.centreX - frame.width / 2) > L.maxOffsetX * frame.width || Math.abs(face.centreY - frame.height / 2) > L.maxOffsetY * frame.height) return 'moveToCentre';
  if (Math.abs(face.yawDeg) > L.maxYawDeg || Math.abs(face.pitchDeg) > L.maxPitchDeg) return 'faceCamera';
  return 'hold';
}
