/**
 * Human's face result as the composer's plain data, on results human 3.3.6 (wasm backend, Node)
 * produced and that were recorded once (fixtures/): the drawn face in its 480x640 frame, and the
 * same face found again by human in the GA 461 photo composed from it.
 */
import { readFileSync } from 'node:fs';
import type { FaceResult } from '@vladmandic/human';
import { describe, expect, it } from 'vitest';
import { checkGa461, composeGa461, faceFromHuman, facesFromHuman, type Ga461Face, makeGa461Photo } from '../../../renderer/src/camera/ga461';
import { jpegJsEncoder, liveFaceFrame, liveFaceLandmarks, simulatedGa461Photo } from '../../../simulators/camera/ga461-sample';

interface Recorded {
  readonly source: string;
  readonly face: readonly FaceResult[];
}

const recorded = (name: string): FaceResult => (JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Recorded).face[0]!;

const width = (face: Ga461Face) => face.faceRight.x - face.faceLeft.x;
const eyeLine = (face: Ga461Face) => (face.leftEye.y + face.rightEye.y) / 2;

describe('faceFromHuman', () => {
  const frame = liveFaceFrame();
  const inFrame = recorded('live-face-human.json');

  it('reads the mesh points the rules need, with the eyes and face edges in image order', () => {
    const face = faceFromHuman(inFrame, frame)!;
    // The simulator keeps these numbers by hand (no fixture in the host bundle): they must agree.
    const byHand = liveFaceLandmarks(frame);
    for (const key of ['leftEye', 'rightEye', 'faceLeft', 'faceRight', 'forehead', 'chin'] as const) {
      expect(Math.abs(face[key].x - byHand[key].x)).toBeLessThanOrEqual(0.6);
      expect(Math.abs(face[key].y - byHand[key].y)).toBeLessThanOrEqual(0.6);
    }
    expect(face.leftEye.x).toBeLessThan(face.rightEye.x);
    expect(face.yawDeg).toBeCloseTo(byHand.yawDeg, 0);
    expect(face.pitchDeg).toBeCloseTo(byHand.pitchDeg, 0);
    expect(face.eyeOpenness).toBeCloseTo(byHand.eyeOpenness, 1);
    expect(face.headTopY).toBe(byHand.headTopY);
  });

  it('works from the eye corners when the mesh has no iris points', () => {
    const face = faceFromHuman({ ...inFrame, mesh: inFrame.mesh.slice(0, 468) }, frame)!;
    const withIris = faceFromHuman(inFrame, frame)!;
    expect(Math.abs(face.leftEye.x - withIris.leftEye.x)).toBeLessThanOrEqual(5);
    expect(Math.abs(face.leftEye.y - withIris.leftEye.y)).toBeLessThanOrEqual(5);
    expect(face.leftEye).not.toEqual(withIris.leftEye);
  });

  it('gives nothing for a result without a mesh, and no made-up pose without rotation angles', () => {
    expect(faceFromHuman({ ...inFrame, mesh: [] }, frame)).toBeUndefined();
    const { rotation: _rotation, ...withoutRotation } = inFrame;
    const face = faceFromHuman(withoutRotation as FaceResult, frame)!;
    expect(face.yawDeg).toBeNaN();
    const composed = composeGa461(frame, [face]);
    const report = checkGa461(composed.photo, composed.faces);
    expect(report.checks.yaw).toBe(false);
    expect(report.figures.yaw.value).toBeNull();
  });

  it('human, run again on the composed photo, finds the face where the composer put it, and the checks pass on what it finds', async () => {
    const composed = await simulatedGa461Photo();
    const mapped = composed.faces[0]!;
    const found = faceFromHuman(recorded('composed-live-face-human.json'), composed.photo)!;
    expect(Math.abs(width(found) - width(mapped))).toBeLessThanOrEqual(8);
    expect(Math.abs(eyeLine(found) - eyeLine(mapped))).toBeLessThanOrEqual(3);
    expect(Math.abs(found.headTopY - mapped.headTopY)).toBeLessThanOrEqual(2);
    const report = checkGa461(composed.photo, [found]);
    expect(Object.entries(report.checks).filter(([, ok]) => !ok)).toEqual([]);
  });
});

describe('facesFromHuman: every face of the frame goes to the composer', () => {
  const frame = liveFaceFrame();
  const inFrame = recorded('live-face-human.json');
  /** The recorded face made smaller (0.8) and moved right: a second person behind the first. */
  const behind: FaceResult = (() => {
    const [x, y, w, h] = inFrame.box;
    const cx = x + w / 2;
    const cy = y + h / 2;
    const move = (px: number, py: number): [number, number] => [cx + 140 + (px - cx) * 0.8, cy + (py - cy) * 0.8];
    return {
      ...inFrame,
      box: [...move(x, y), w * 0.8, h * 0.8] as FaceResult['box'],
      mesh: inFrame.mesh.map(([px, py, pz]) => [...move(px, py), pz] as FaceResult['mesh'][number]),
    };
  })();

  it('keeps each face with a mesh and leaves out box-only ones', () => {
    const faces = facesFromHuman([inFrame, { ...behind, mesh: [] }, behind], frame);
    expect(faces).toHaveLength(2);
    expect(width(faces[1]!)).toBeCloseTo(width(faces[0]!) * 0.8, 0);
  });

  it('a second face in the photo fails the one-face check; the same frame with one face passes it', async () => {
    const two = await makeGa461Photo(frame, facesFromHuman([inFrame, behind], frame), jpegJsEncoder);
    expect(two.faces).toHaveLength(2);
    expect(two.quality.checks.oneFace).toBe(false);
    expect(two.quality.figures.oneFace.value).toBe(2);
    expect(two.passed).toBe(false);
    // The photo is still of the larger, nearer face, whichever comes first.
    const reversed = await makeGa461Photo(frame, facesFromHuman([behind, inFrame], frame), jpegJsEncoder);
    expect(width(reversed.faces[0]!)).toBeCloseTo(width(two.faces[0]!), 3);
    const one = await makeGa461Photo(frame, facesFromHuman([inFrame], frame), jpegJsEncoder);
    expect(one.quality.checks.oneFace).toBe(true);
  });
});
