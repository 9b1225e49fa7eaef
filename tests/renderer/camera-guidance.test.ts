/**
 * Guidance: one instruction per frame, the first obstacle in the order a citizen can act on it.
 * Faces are measured from synthetic meshes placed where the fake camera's scenes put them.
 */
import { describe, expect, it } from 'vitest';
import { type DetectedFace, measureFace } from '../../renderer/src/camera/face-measure';
import { GUIDANCE_LIMITS, guidance } from '../../renderer/src/camera/guidance';

const W = 640;
const H = 480;

/** A face mesh with the cheeks `width` apart around (cx, cy), the eyes open by `openness`. */
function face(cx: number, cy: number, width: number, options: { score?: number; yawDeg?: number; pitchDeg?: number; openness?: number } = {}): DetectedFace {
  const mesh: Array<[number, number, number]> = Array.from({ length: 478 }, () => [cx, cy, 0]);
  const half = width / 2;
  mesh[234] = [cx - half, cy, 0];
  mesh[454] = [cx + half, cy, 0];
  mesh[10] = [cx, cy - width * 0.55, 0];
  mesh[152] = [cx, cy + width * 0.55, 0];
  const eyeW = width * 0.18;
  const gap = eyeW * (options.openness ?? 0.37);
  for (const [outer, inner, upper, lower, x] of [
    [33, 133, 159, 145, cx - width * 0.22],
    [263, 362, 386, 374, cx + width * 0.22],
  ] as const) {
    const y = cy - width * 0.12;
    mesh[outer] = [x - eyeW / 2, y, 0];
    mesh[inner] = [x + eyeW / 2, y, 0];
    mesh[upper] = [x, y - gap / 2, 0];
    mesh[lower] = [x, y + gap / 2, 0];
  }
  const rad = Math.PI / 180;
  return {
    score: options.score ?? 0.98,
    box: [cx - width, cy - width, width * 2, width * 2],
    mesh,
    rotation: { angle: { yaw: (options.yawDeg ?? 0) * rad, pitch: (options.pitchDeg ?? 0) * rad, roll: 0 } },
  };
}

const facts = (faces: DetectedFace[], brightness = 150) => ({
  width: W,
  height: H,
  brightness,
  faces: faces.map(measureFace).filter((m) => m !== null),
});

describe('camera guidance', () => {
  it('measures width from the cheeks, openness from the lids, angles in degrees', () => {
    const m = measureFace(face(320, 230, 205, { yawDeg: -14, pitchDeg: 5, openness: 0.2 }))!;
    expect(m.widthPx).toBeCloseTo(205, 5);
    expect(m.centreX).toBeCloseTo(320, 5);
    expect(m.eyeOpenness).toBeCloseTo(0.2, 5);
    expect(m.yawDeg).toBeCloseTo(-14, 5);
    expect(m.pitchDeg).toBeCloseTo(5, 5);
    expect(measureFace({ ...face(320, 230, 205), mesh: [] })).toBeNull();
  });

  it.each([
    ['a face in the oval', [face(320, 230, 205)], 150, 'hold'],
    ['nobody', [], 150, 'noFace'],
    ['a dark room, with a face', [face(320, 230, 205)], 20, 'moreLight'],
    ['two people', [face(165, 230, 160), face(475, 230, 160)], 150, 'oneFaceOnly'],
    ['a face far away', [face(320, 230, 75)], 150, 'comeCloser'],
    ['a face too close', [face(320, 250, 380)], 150, 'moveBack'],
    ['a face off to the side', [face(150, 230, 160)], 150, 'moveToCentre'],
    ['a face too low', [face(320, 400, 160)], 150, 'moveToCentre'],
    ['a head turned away', [face(320, 230, 200, { yawDeg: 20 })], 150, 'faceCamera'],
    ['a head tilted down', [face(320, 230, 200, { pitchDeg: -20 })], 150, 'faceCamera'],
    ['a covered face (low score)', [face(320, 230, 200, { score: 0.6 })], 150, 'uncover'],
  ] as const)('%s: %s', (_name, faces, brightness, expected) => {
    expect(guidance(facts([...faces], brightness))).toBe(expected);
  });

  it('dark glasses: a face the detector scores high but whose eyes are dark against the cheeks', () => {
    const withShade = (shade: number) => ({ ...measureFace(face(320, 230, 205))!, eyeShade: shade });
    expect(guidance({ width: W, height: H, brightness: 150, faces: [withShade(0.2)] })).toBe('uncover');
    expect(guidance({ width: W, height: H, brightness: 150, faces: [withShade(GUIDANCE_LIMITS.minEyeShade + 0.01)] })).toBe('hold');
    // Not measured (a face the step could not sample): no verdict from it.
    expect(guidance(facts([face(320, 230, 205)]))).toBe('hold');
  });

  it('ignores a faint second face behind the citizen, and works with the largest face', () => {
    expect(guidance(facts([face(320, 230, 205), face(560, 120, 60, { score: GUIDANCE_LIMITS.otherFaceScore - 0.1 })]))).toBe('hold');
  });

  it('puts the first thing to fix first: light before distance, distance before centring, centring before pose', () => {
    expect(guidance(facts([face(100, 230, 60, { yawDeg: 30 })], 20))).toBe('moreLight');
    expect(guidance(facts([face(100, 230, 60, { yawDeg: 30 })]))).toBe('comeCloser');
    expect(guidance(facts([face(150, 230, 160, { yawDeg: 30 })]))).toBe('moveToCentre');
  });
});
