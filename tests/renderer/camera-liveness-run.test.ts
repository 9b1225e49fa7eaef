/**
 * The liveness part of a live camera step (liveness-run.ts): the prompt, the retry with the other
 * prompt, and the same face from the prompt's first face to the still. Faces are placed where the
 * recorded cooperative citizen stands (camera-sequences.ts); the decisions inside (the blink, the
 * track) are tested on recorded sequences in camera-liveness.test.ts and camera-face-track.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { FaceMeasure } from '../../renderer/src/camera/face-measure';
import { LIVENESS_LIMITS } from '../../renderer/src/camera/liveness';
import { FAILED_BECAUSE, type FacesSeen, LivenessRun, type PromptOutcome } from '../../renderer/src/camera/liveness-run';
import { RECORDED_COOPERATIVE_TRACK } from './camera-sequences';

const [, X, Y, W] = RECORDED_COOPERATIVE_TRACK[0]!;
const citizen = (eyeOpenness = 0.37, moved = 0): FaceMeasure => ({ score: 0.95, widthPx: W, centreX: X + moved, centreY: Y, yawDeg: 2, pitchDeg: 5, eyeOpenness });
/** Someone else: a head larger (nearer) and a face width and a half to the side. */
const other = (): FaceMeasure => ({ ...citizen(), widthPx: W * 1.1, centreX: X - 1.5 * W });
const alone = (face: FaceMeasure): FacesSeen => ({ measures: [face], guidance: 'hold' });

const FRAME_MS = 100;
/** Feeds frames from `startMs`, one every 100 ms; the outcomes. */
function feed(run: LivenessRun, frames: readonly FacesSeen[], startMs: number): PromptOutcome[] {
  return frames.map((frame, i) => run.promptFrame(frame, startMs + i * FRAME_MS));
}
/** Open, open, open, closed, closed, open: a blink. */
const blink = [0.37, 0.37, 0.37, 0.18, 0.18, 0.37].map((openness) => alone(citizen(openness)));

describe('LivenessRun', () => {
  it('a blink passes the blink prompt; the still is then of the face that blinked, even with a larger face beside it', () => {
    const run = new LivenessRun('blink');
    run.start(run.prompt, 0);
    const outcomes = feed(run, blink, 0);
    expect(outcomes.at(-1)).toEqual({ kind: 'passed' });
    expect(outcomes.slice(0, -1).every((o) => o.kind === 'pending')).toBe(true);
    expect(run.passed).toBe(true);
    const stillFace = run.stillFrame([other(), citizen(0.37, 4)], 700);
    expect(stillFace).toMatchObject({ centreX: X + 4, widthPx: W });
  });

  it('a face that jumps mid-prompt fails the try at once, and the retry with the other prompt; two failures leave no next prompt, and say why', () => {
    const run = new LivenessRun('blink');
    run.start('blink', 0);
    expect(feed(run, [alone(citizen()), alone(citizen(0.37, 1.2 * W))], 0).at(-1)).toEqual({ kind: 'failed', nextPrompt: 'turn-head' });
    run.start('turn-head', 1_000, true);
    expect(run.attempt).toBe(2);
    // Nobody turns: the second try ends at its time limit.
    const still = Array.from({ length: LIVENESS_LIMITS.timeLimitMs / FRAME_MS + 2 }, () => alone(citizen()));
    expect(feed(run, still, 1_000).at(-1)).toEqual({ kind: 'failed', nextPrompt: null });
    expect(run.failures).toEqual([FAILED_BECAUSE.jump, FAILED_BECAUSE.timeout]);
    expect(run.passed).toBe(false);
  });

  it('a face that leaves the picture for longer than a glance fails the try, and says so', () => {
    const run = new LivenessRun('turn-head');
    run.start('turn-head', 0);
    const away: FacesSeen = { measures: [], guidance: 'noFace' };
    const outcomes = feed(run, [alone(citizen()), away, away, away, away, away, away, away, away, away, away, away, away, away, away, away, away, alone(citizen())], 0);
    expect(outcomes.at(-2)).toEqual({ kind: 'failed', nextPrompt: 'blink' });
    expect(run.failures).toEqual([FAILED_BECAUSE.gone]);
  });

  it('someone else in place of the citizen after the prompt was followed: the prompt must be followed again, by the face now there', () => {
    const run = new LivenessRun('blink');
    run.start('blink', 0);
    feed(run, blink, 0);
    expect(run.stillFrame([citizen()], 700)).toMatchObject({ centreX: X });
    expect(run.stillFrame([other()], 800)).toBe('again');
    expect(run.passed).toBe(false);
    expect(run.prompt).toBe('blink');
    expect(run.stillFrame([other()], 900)).toBeNull();
    run.start(run.prompt, 1_000);
    const newcomer = other();
    const hisBlink = [0.37, 0.37, 0.37, 0.18, 0.18, 0.37].map((openness) => alone({ ...newcomer, eyeOpenness: openness }));
    expect(feed(run, hisBlink, 1_000).at(-1)).toEqual({ kind: 'passed' });
    expect(run.stillFrame([newcomer], 1_700)).toBe(newcomer);
    expect(run.failures).toEqual([]);
  });

  it('a second face in the picture during the prompt keeps the prompt from counting, without failing it', () => {
    const run = new LivenessRun('blink');
    run.start('blink', 0);
    const crowded = blink.map((seen) => ({ measures: [...seen.measures, other()], guidance: 'oneFaceOnly' as const }));
    const outcomes = feed(run, crowded, 0);
    expect(outcomes.every((o) => o.kind === 'pending')).toBe(true);
    expect(run.passed).toBe(false);
  });
});
