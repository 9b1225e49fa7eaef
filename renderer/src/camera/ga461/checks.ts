/**
 * What the kiosk checks of a composed GA 461 photo, each rule a named check with the value
 * measured and its limits. The faces are those seen in the photo (composeGa461 maps them in, or the
 * camera step runs the detector on the photo again).
 */
import { measureBackground } from './background';
import { Ga461Error } from './errors';
import { GA461, KIOSK_LIMITS } from './rules';
import { eyeLineDeg, faceWidthOf, midpoint } from './similarity';
import type { Ga461Face, RgbaImage } from './types';

export const GA461_CHECKS = [
  'oneFace',
  'centred',
  'faceWidth',
  'headTop',
  'eyeLine',
  'yaw',
  'pitch',
  'roll',
  'eyesOpen',
  'backgroundBright',
  'backgroundEven',
  'backgroundPlain',
  'backgroundNeutral',
] as const;
export type Ga461CheckName = (typeof GA461_CHECKS)[number];

export interface Ga461Figure {
  /** `null` when it could not be measured (no face, no room for the background): the check fails. */
  readonly value: number | null;
  readonly min?: number;
  readonly max?: number;
  readonly unit: 'faces' | 'px' | 'deg' | 'ratio' | 'luma';
}

export interface Ga461Report {
  /** True when every check passed. */
  readonly passed: boolean;
  readonly checks: Readonly<Record<Ga461CheckName, boolean>>;
  readonly figures: Readonly<Record<Ga461CheckName, Ga461Figure>>;
}

const within = (figure: Ga461Figure): boolean =>
  figure.value !== null && Number.isFinite(figure.value) && (figure.min === undefined || figure.value >= figure.min) && (figure.max === undefined || figure.value <= figure.max);

const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
const measured = (value: number | undefined): number | null => (value === undefined || !Number.isFinite(value) ? null : round(value));

function faceFigures(face: Ga461Face | undefined): Pick<Record<Ga461CheckName, Ga461Figure>, 'centred' | 'faceWidth' | 'headTop' | 'eyeLine' | 'yaw' | 'pitch' | 'roll' | 'eyesOpen'> {
  const width = face && faceWidthOf(face);
  return {
    centred: { value: measured(face && midpoint(face.faceLeft, face.faceRight).x - GA461.width / 2), min: -KIOSK_LIMITS.centreTolerancePx, max: KIOSK_LIMITS.centreTolerancePx, unit: 'px' },
    faceWidth: { value: measured(width), min: GA461.faceWidth - GA461.faceWidthTolerance, max: GA461.faceWidth + GA461.faceWidthTolerance, unit: 'px' },
    headTop: { value: measured(face?.headTopY), min: GA461.headTopMin, max: GA461.headTopMax, unit: 'px' },
    eyeLine: { value: measured(face && midpoint(face.leftEye, face.rightEye).y), max: GA461.eyeLineMaxY, unit: 'px' },
    yaw: { value: measured(face?.yawDeg), min: -KIOSK_LIMITS.yawMaxDeg, max: KIOSK_LIMITS.yawMaxDeg, unit: 'deg' },
    pitch: { value: measured(face?.pitchDeg), min: -KIOSK_LIMITS.pitchMaxDeg, max: KIOSK_LIMITS.pitchMaxDeg, unit: 'deg' },
    roll: { value: measured(face && eyeLineDeg(face)), min: -KIOSK_LIMITS.rollMaxDeg, max: KIOSK_LIMITS.rollMaxDeg, unit: 'deg' },
    eyesOpen: { value: measured(face?.eyeOpenness), min: KIOSK_LIMITS.eyeOpennessMin, unit: 'ratio' },
  };
}

export function checkGa461(photo: RgbaImage, facesInPhoto: readonly Ga461Face[]): Ga461Report {
  if (photo.width !== GA461.width || photo.height !== GA461.height || photo.data.length !== photo.width * photo.height * 4) {
    throw new Ga461Error('bad-frame', `the checks measure a ${GA461.width}x${GA461.height} RGBA photo, not ${photo.width}x${photo.height}`);
  }
  const faces = facesInPhoto.filter((face) => face.score >= KIOSK_LIMITS.faceScoreMin);
  const face = faces[0];
  // Without a face the background is sampled where a well-placed face would leave it.
  const background = face
    ? measureBackground(photo, midpoint(face.faceLeft, face.faceRight).x, faceWidthOf(face), midpoint(face.leftEye, face.rightEye).y)
    : measureBackground(photo, GA461.width / 2, GA461.faceWidth, GA461.eyeLineMaxY - 40);
  const figures: Record<Ga461CheckName, Ga461Figure> = {
    oneFace: { value: faces.length, min: 1, max: 1, unit: 'faces' },
    ...faceFigures(face),
    backgroundBright: { value: measured(background?.luma), min: KIOSK_LIMITS.backgroundLumaMin, unit: 'luma' },
    backgroundEven: { value: measured(background?.cellSpread), max: KIOSK_LIMITS.backgroundCellSpreadMax, unit: 'luma' },
    backgroundPlain: { value: measured(background?.noise), max: KIOSK_LIMITS.backgroundNoiseMax, unit: 'luma' },
    backgroundNeutral: { value: measured(background?.cast), max: KIOSK_LIMITS.backgroundCastMax, unit: 'luma' },
  };
  const checks = Object.fromEntries(GA461_CHECKS.map((name) => [name, within(figures[name])])) as Record<Ga461CheckName, boolean>;
  return { passed: GA461_CHECKS.every((name) => checks[name]), checks, figures };
}
