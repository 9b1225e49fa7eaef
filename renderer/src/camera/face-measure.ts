/**
 * What the camera step needs of one detected face, from human's result (facemesh with iris):
 * plain numbers, so guidance and liveness are pure functions tested on recorded sequences.
 */

/** The parts of human's FaceResult read here (a structural subset, so tests need no detector). */
export interface DetectedFace {
  /** Overall face score 0..1 (box and mesh). */
  readonly score: number;
  /** x, y, width, height in frame pixels (human enlarges it around the face). */
  readonly box: readonly [number, number, number, number];
  /** 468 (478 with iris) points [x, y, z] in frame pixels. */
  readonly mesh: ReadonlyArray<readonly [number, number, number?]>;
  readonly rotation?: { readonly angle: { readonly yaw: number; readonly pitch: number; readonly roll: number } } | null;
}

export interface FaceMeasure {
  readonly score: number;
  /** Cheek to cheek (mesh 234-454), frame pixels: the box is enlarged and says little. */
  readonly widthPx: number;
  /** Centre between the cheeks and between forehead (10) and chin (152), frame pixels. */
  readonly centreX: number;
  readonly centreY: number;
  /** Degrees; yaw < 0 is the person's own left (nose towards the right of the unmirrored frame). */
  readonly yawDeg: number;
  readonly pitchDeg: number;
  /** Lid gap over eye width, the smaller of the two eyes (open ~0.3-0.45, closed below ~0.2). */
  readonly eyeOpenness: number;
  /** Eye patch luma over cheek luma (frame-tools.ts eyeShade), when measured: low means dark glasses. */
  readonly eyeShade?: number;
}

const MESH = { cheekA: 234, cheekB: 454, forehead: 10, chin: 152 } as const;
const EYES = [
  { outer: 33, inner: 133, upper: 159, lower: 145 },
  { outer: 263, inner: 362, upper: 386, lower: 374 },
] as const;
const DEG = 180 / Math.PI;

const distance = (a: readonly [number, number, number?], b: readonly [number, number, number?]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Null when the face has no full mesh (a box-only detection cannot guide nor prove liveness). */
export function measureFace(face: DetectedFace): FaceMeasure | null {
  const mesh = face.mesh;
  if (mesh.length < 468) return null;
  const cheekA = mesh[MESH.cheekA]!;
  const cheekB = mesh[MESH.cheekB]!;
  const openness = EYES.map((eye) => distance(mesh[eye.upper]!, mesh[eye.lower]!) / Math.max(1, distance(mesh[eye.outer]!, mesh[eye.inner]!)));
  const angle = face.rotation?.angle;
  return {
    score: face.score,
    widthPx: distance(cheekA, cheekB),
    centreX: (cheekA[0] + cheekB[0]) / 2,
    centreY: (mesh[MESH.forehead]![1] + mesh[MESH.chin]![1]) / 2,
    yawDeg: angle ? angle.yaw * DEG : 0,
    pitchDeg: angle ? angle.pitch * DEG : 0,
    eyeOpenness: Math.min(...openness),
  };
}
