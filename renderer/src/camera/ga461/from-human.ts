/**
 * Human's face result (@vladmandic/human, facemesh with iris) as a Ga461Face. Only types come
 * from human here, so the composer never loads the detector.
 */
import type { FaceResult } from '@vladmandic/human';
import { estimateHeadTop } from './head-top';
import type { Ga461Face, Point, RgbaImage } from './types';

/** Facemesh indices: face edges, forehead, chin, eye corners and lids, iris centres. */
const MESH = {
  faceLeft: 234,
  faceRight: 454,
  forehead: 10,
  chin: 152,
  eyeA: { outer: 33, inner: 133, upper: 159, lower: 145 },
  eyeB: { outer: 263, inner: 362, upper: 386, lower: 374 },
  irisA: 473,
  irisB: 468,
} as const;

const DEG = 180 / Math.PI;

interface MeshEye {
  readonly outer: number;
  readonly inner: number;
  readonly upper: number;
  readonly lower: number;
}

/** `undefined` when the result has no full mesh (mesh disabled or a box-only detection). */
export function faceFromHuman(result: FaceResult, frame: RgbaImage): Ga461Face | undefined {
  const mesh = result.mesh;
  if (mesh.length < 468) return undefined;
  const at = (index: number): Point => {
    const p = mesh[index]!;
    return { x: p[0], y: p[1] };
  };
  const corners = (eye: MeshEye) => ({ x: (at(eye.outer).x + at(eye.inner).x) / 2, y: (at(eye.outer).y + at(eye.inner).y) / 2 });
  const openness = (eye: MeshEye) => Math.abs(at(eye.upper).y - at(eye.lower).y) / Math.max(1, Math.abs(at(eye.outer).x - at(eye.inner).x));
  const hasIris = mesh.length >= 478;
  const eyeA = hasIris ? at(MESH.irisA) : corners(MESH.eyeA);
  const eyeB = hasIris ? at(MESH.irisB) : corners(MESH.eyeB);
  const [leftEye, rightEye] = eyeA.x <= eyeB.x ? [eyeA, eyeB] : [eyeB, eyeA];
  const [faceLeft, faceRight] = at(MESH.faceLeft).x <= at(MESH.faceRight).x ? [at(MESH.faceLeft), at(MESH.faceRight)] : [at(MESH.faceRight), at(MESH.faceLeft)];
  const forehead = at(MESH.forehead);
  const angle = result.rotation?.angle;
  const [x, y, width, height] = result.box;
  return {
    score: result.score,
    box: { x, y, width, height },
    leftEye,
    rightEye,
    faceLeft,
    faceRight,
    forehead,
    chin: at(MESH.chin),
    headTopY: estimateHeadTop(frame, { forehead, faceLeft, faceRight }).y,
    yawDeg: angle ? angle.yaw * DEG : Number.NaN,
    pitchDeg: angle ? angle.pitch * DEG : Number.NaN,
    eyeOpenness: Math.min(openness(MESH.eyeA), openness(MESH.eyeB)),
  };
}

/**
 * Every face of a frame's result, each as a Ga461Face (those without a full mesh left out): what
 * the camera step gives the composer, so that `oneFace` fails when someone else is in the photo.
 */
export function facesFromHuman(results: readonly FaceResult[], frame: RgbaImage): Ga461Face[] {
  return results.map((result) => faceFromHuman(result, frame)).filter((face) => face !== undefined);
}
