/**
 * Composes the 358x441 GA 461 photo from a camera frame: straightens the eye line (up to
 * KIOSK_LIMITS.rollCorrectionMaxDeg), scales the face to 207 px wide, puts the top of the hair 14 px
 * below the upper edge (higher, down to 7 px, when that keeps the eyes 207 px above the lower
 * edge) and centres the face.
 *
 * Every photo pixel comes from the frame; nothing is padded or invented. When the frame lacks the
 * margin the ideal crop needs, the crop is moved back inside the frame (the face ends up off its
 * place and the `centred`, `headTop` or `eyeLine` check fails), and when the crop is larger than the
 * frame the face is enlarged until it fits (`faceWidth` fails). A face too far away is enlarged
 * at most KIOSK_LIMITS.maxUpscale times, then stays small (`faceWidth` fails). `adjustments` says
 * which of these happened.
 */
import { Ga461Error } from './errors';
import { resampleSimilarity } from './resample';
import { GA461, KIOSK_LIMITS } from './rules';
import { applySimilarity, eyeLineDeg, faceWidthOf, headTopPoint, invertSimilarity, mapFace, midpoint, type Similarity } from './similarity';
import type { Box, Ga461Face, Point, RgbaImage } from './types';

export interface Ga461Adjustments {
  /** Degrees the frame was turned to level the eye line. */
  readonly rollCorrectedDeg: number;
  /** Why the scale is not 207 / face width: the upscale limit, or a crop larger than the frame. */
  readonly scaleLimitedBy: 'upscale' | 'frame' | null;
  /** How far (photo px) the face sits from where the rules want it, because the frame ended. */
  readonly shiftedPx: Point;
}

export interface Ga461Composition {
  readonly photo: RgbaImage;
  /** Faces in photo coordinates that fall in the photo, the composed face first. */
  readonly faces: readonly Ga461Face[];
  readonly transform: Similarity;
  readonly adjustments: Ga461Adjustments;
}

const PHOTO_CENTRE: Point = { x: GA461.width / 2, y: GA461.height / 2 };
const DEG = Math.PI / 180;

/** The face the photo is of: the widest one the detector is sure of. */
export function mainFace(faces: readonly Ga461Face[]): Ga461Face {
  const sure = faces.filter((face) => face.score >= KIOSK_LIMITS.faceScoreMin);
  const widest = sure.reduce<Ga461Face | undefined>((best, face) => (!best || faceWidthOf(face) > faceWidthOf(best) ? face : best), undefined);
  if (!widest) throw new Ga461Error('no-face', 'no face the detector is sure of in the frame');
  return widest;
}

/** Where the rules put the face: scale, angle and the shift that centres it with the hair at the target height. */
function idealTransform(face: Ga461Face, scale: number, angleRad: number): Similarity {
  const turn = { scale, angleRad, tx: 0, ty: 0 };
  const centre = applySimilarity(turn, midpoint(face.faceLeft, face.faceRight));
  const top = applySimilarity(turn, headTopPoint(face));
  const eyes = applySimilarity(turn, midpoint(face.leftEye, face.rightEye));
  // The eye line must stay at least 2 px inside its limit; the hair may go up to headTopMin for it.
  const eyeRoom = GA461.eyeLineMaxY - 2 - (GA461.headTopTarget + eyes.y - top.y);
  const headTop = eyeRoom < 0 ? Math.max(GA461.headTopMin, GA461.headTopTarget + eyeRoom) : GA461.headTopTarget;
  return { scale, angleRad, tx: PHOTO_CENTRE.x - centre.x, ty: headTop - top.y };
}

/** Frame-space offsets of the photo's corners from the photo's centre, for a given scale and angle. */
function cornerOffsets(scale: number, angleRad: number): Point[] {
  const back = invertSimilarity({ scale, angleRad, tx: 0, ty: 0 });
  const centre = applySimilarity(back, PHOTO_CENTRE);
  return [
    { x: 0, y: 0 },
    { x: GA461.width, y: 0 },
    { x: 0, y: GA461.height },
    { x: GA461.width, y: GA461.height },
  ].map((corner) => {
    const p = applySimilarity(back, corner);
    return { x: p.x - centre.x, y: p.y - centre.y };
  });
}

/** A face counts as in the photo when this share of its box is (another person half in the picture is in it). */
const VISIBLE_SHARE = 0.25;

function visibleShare(box: Box): number {
  const width = Math.min(box.x + box.width, GA461.width) - Math.max(box.x, 0);
  const height = Math.min(box.y + box.height, GA461.height) - Math.max(box.y, 0);
  return width <= 0 || height <= 0 ? 0 : (width * height) / (box.width * box.height);
}

const spanOf = (values: readonly number[]) => Math.max(...values) - Math.min(...values);
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

export function composeGa461(frame: RgbaImage, faces: readonly Ga461Face[]): Ga461Composition {
  if (frame.width < 2 || frame.height < 2 || frame.data.length !== frame.width * frame.height * 4) {
    throw new Ga461Error('bad-frame', `frame ${frame.width}x${frame.height} with ${frame.data.length} bytes is not RGBA`);
  }
  const face = mainFace(faces);
  const points = [face.leftEye, face.rightEye, face.faceLeft, face.faceRight, face.forehead, face.chin];
  if (!points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)) || !Number.isFinite(face.headTopY) || faceWidthOf(face) < 1) {
    throw new Ga461Error('bad-face', 'the face landmarks are not finite, or the face has no width');
  }
  const roll = eyeLineDeg(face);
  const rollCorrectedDeg = clamp(roll, -KIOSK_LIMITS.rollCorrectionMaxDeg, KIOSK_LIMITS.rollCorrectionMaxDeg);
  const angleRad = -rollCorrectedDeg * DEG;

  let scale = GA461.faceWidth / faceWidthOf(face);
  let scaleLimitedBy: Ga461Adjustments['scaleLimitedBy'] = null;
  if (scale > KIOSK_LIMITS.maxUpscale) {
    scale = KIOSK_LIMITS.maxUpscale;
    scaleLimitedBy = 'upscale';
  }
  // The crop (the photo's outline in the frame) must fit in the frame; enlarge the face until it does.
  const offsets = cornerOffsets(scale, angleRad);
  const overflow = Math.max(spanOf(offsets.map((p) => p.x)) / frame.width, spanOf(offsets.map((p) => p.y)) / frame.height);
  if (overflow > 1) {
    scale *= overflow * (1 + 1e-9);
    scaleLimitedBy = 'frame';
  }

  const ideal = idealTransform(face, scale, angleRad);
  const fitted = cornerOffsets(scale, angleRad);
  const wanted = applySimilarity(invertSimilarity(ideal), PHOTO_CENTRE);
  const centre = {
    x: clamp(wanted.x, -Math.min(...fitted.map((p) => p.x)), frame.width - Math.max(...fitted.map((p) => p.x))),
    y: clamp(wanted.y, -Math.min(...fitted.map((p) => p.y)), frame.height - Math.max(...fitted.map((p) => p.y))),
  };
  // Same scale and angle, shifted so the photo's centre comes from the clamped frame point.
  const turned = applySimilarity({ scale, angleRad, tx: 0, ty: 0 }, centre);
  const transform: Similarity = { scale, angleRad, tx: PHOTO_CENTRE.x - turned.x, ty: PHOTO_CENTRE.y - turned.y };
  const shiftedPx = { x: transform.tx - ideal.tx, y: transform.ty - ideal.ty };

  const photo = resampleSimilarity(frame, transform, GA461.width, GA461.height);
  const mapped = [face, ...faces.filter((other) => other !== face)].map((f) => mapFace(transform, f));
  const inPhoto = mapped.filter((f, index) => index === 0 || visibleShare(f.box) >= VISIBLE_SHARE);
  return { photo, faces: inPhoto, transform, adjustments: { rollCorrectedDeg, scaleLimitedBy, shiftedPx } };
}
