/**
 * The same person through the liveness prompt (face-track.ts), on face places recorded from the
 * detector on the fake camera's scenes, and made up where no honest video here shows it (someone
 * stepping into the oval in place of the citizen, a face held up nearer, a face that leaves).
 */
import { describe, expect, it } from 'vitest';
import { FaceTrack, type PlacedFace, TRACK_LIMITS, type TrackStep } from '../../renderer/src/camera/face-track';
import { RECORDED_COOPERATIVE_TRACK, RECORDED_TWO_FACES } from './camera-sequences';

const place = ([centreX, centreY, widthPx]: readonly [number, number, number]): PlacedFace => ({ centreX, centreY, widthPx });
const recorded = RECORDED_COOPERATIVE_TRACK.map(([atMs, x, y, w]) => ({ atMs, face: place([x, y, w]) }));

/** Follows a sequence of frames (each with its faces) from the first frame's face; the steps taken. */
function follow(frames: ReadonlyArray<{ readonly atMs: number; readonly faces: readonly PlacedFace[] }>): Array<TrackStep<PlacedFace>['kind']> {
  const [first, ...rest] = frames;
  const track = new FaceTrack(first!.faces[0]!, first!.atMs);
  return rest.map((frame) => track.follow(frame.atMs, frame.faces).kind);
}

describe('FaceTrack on the recorded cooperative citizen', () => {
  it('follows the recorded face through its blinks and head turns, frames up to 1.7 s apart, without a break', () => {
    const steps = follow(recorded.map(({ atMs, face }) => ({ atMs, faces: [face] })));
    expect(steps).toHaveLength(RECORDED_COOPERATIVE_TRACK.length - 1);
    expect(new Set(steps)).toEqual(new Set(['same']));
  });

  it('gives back the face it followed (the still is taken of it), not another one in the frame', () => {
    const [left, right] = RECORDED_TWO_FACES.map(place) as [PlacedFace, PlacedFace];
    const track = new FaceTrack(left, 0);
    expect(track.follow(100, [right, left])).toEqual({ kind: 'same', face: left });
  });
});

describe('FaceTrack: another face in place of the citizen', () => {
  it('the recorded two-faces scene: the citizen on the left leaves, the person on the right is not taken for them', () => {
    const [left, right] = RECORDED_TWO_FACES.map(place) as [PlacedFace, PlacedFace];
    const steps = follow([
      { atMs: 0, faces: [left] },
      { atMs: 100, faces: [left, right] },
      { atMs: 200, faces: [right] },
      { atMs: 300, faces: [left] },
    ]);
    // Once broken the track stays broken, even when the first face comes back.
    expect(steps).toEqual(['same', 'broken', 'broken']);
  });

  it('a face held up nearer at the same place (twice as wide) breaks it; the citizen leaning in slowly does not', () => {
    const citizen = recorded[0]!.face;
    const nearer = { ...citizen, widthPx: citizen.widthPx * 2 };
    expect(follow([{ atMs: 0, faces: [citizen] }, { atMs: 100, faces: [nearer] }])).toEqual(['broken']);
    // 30 % wider over 3 s, 10 frames a second.
    const leaning = Array.from({ length: 31 }, (_, i) => ({ atMs: i * 100, faces: [{ ...citizen, widthPx: citizen.widthPx * (1 + 0.01 * i) }] }));
    expect(new Set(follow(leaning))).toEqual(new Set(['same']));
  });

  it('a face that jumps a face width sideways between two frames breaks it; one that drifts half the frame over 4 s does not', () => {
    const citizen = recorded[0]!.face;
    expect(follow([{ atMs: 0, faces: [citizen] }, { atMs: 100, faces: [{ ...citizen, centreX: citizen.centreX + citizen.widthPx }] }])).toEqual(['broken']);
    const drifting = Array.from({ length: 41 }, (_, i) => ({ atMs: i * 100, faces: [{ ...citizen, centreX: 160 + 8 * i }] }));
    expect(new Set(follow(drifting))).toEqual(new Set(['same']));
  });

  it('no face for a glance (a frame or two, the head turned away) is "lost" and the track goes on; gone longer, whoever comes back breaks it', () => {
    const citizen = recorded[0]!.face;
    expect(follow([{ atMs: 0, faces: [citizen] }, { atMs: 300, faces: [] }, { atMs: 600, faces: [] }, { atMs: 900, faces: [citizen] }])).toEqual(['lost', 'lost', 'same']);
    const away = TRACK_LIMITS.lostMs + 100;
    expect(follow([{ atMs: 0, faces: [citizen] }, { atMs: away, faces: [] }, { atMs: away + 100, faces: [citizen] }])).toEqual(['broken', 'broken']);
  });

  it('a slow machine does not widen what counts as the same face without end', () => {
    const citizen = recorded[0]!.face;
    // 10 s between two frames allows no more than 1.5 s would: a face 2.5 widths away is someone else.
    expect(follow([{ atMs: 0, faces: [citizen] }, { atMs: 1_000, faces: [citizen] }, { atMs: 11_000, faces: [{ ...citizen, centreX: citizen.centreX + 2.5 * citizen.widthPx }] }])).toEqual([
      'same',
      'broken',
    ]);
  });
});
