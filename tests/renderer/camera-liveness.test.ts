/**
 * The liveness decision on landmark sequences: recorded from the detector on the fake camera's
 * scenes, and made up where no honest video exists (a citizen who looks down, turns one way only,
 * keeps the eyes half shut).
 */
import { describe, expect, it } from 'vitest';
import { LIVENESS_LIMITS, LivenessCheck, type LivenessSample, otherPrompt } from '../../renderer/src/camera/liveness';
import { RECORDED_COOPERATIVE, RECORDED_MOTIONLESS } from './camera-sequences';

const FRAME_MS = 100;
const samples = (rows: ReadonlyArray<readonly [number, number, number]>, startMs = 0): LivenessSample[] =>
  rows.map(([yawDeg, a, b], i) => ({ atMs: startMs + i * FRAME_MS, face: { yawDeg, eyeOpenness: Math.min(a, b) } }));

function run(check: LivenessCheck, sequence: readonly LivenessSample[]): { state: string; atFrame: number } {
  for (const [i, sample] of sequence.entries()) {
    const state = check.add(sample);
    if (state.kind !== 'pending') return { state: state.kind, atFrame: i };
  }
  return { state: check.state.kind, atFrame: -1 };
}

/** A sequence mirrored left-right: the citizen turns the other way first. */
const mirrored = (rows: ReadonlyArray<readonly [number, number, number]>) => rows.map(([yaw, a, b]) => [-yaw, b, a] as const);

describe('liveness on recorded landmark sequences', () => {
  it('a recorded blink passes the blink prompt when the eyes open again, not before', () => {
    const result = run(new LivenessCheck('blink', 0), samples(RECORDED_COOPERATIVE));
    // Closed at frame 5 (0.18), open again at frame 7 (0.37).
    expect(result).toEqual({ state: 'passed', atFrame: 7 });
  });

  it('the recorded head turn passes only once the head went left and then right', () => {
    // Recorded right (+15) first: the left turn (-12) at frame 24 is the first half, the next right turn completes it.
    const result = run(new LivenessCheck('turn-head', 0), samples(RECORDED_COOPERATIVE));
    expect(result).toEqual({ state: 'passed', atFrame: 50 });
    // Left first, as the scene plays now: done at the first right turn after it.
    expect(run(new LivenessCheck('turn-head', 0), samples(mirrored(RECORDED_COOPERATIVE)))).toEqual({ state: 'passed', atFrame: 24 });
  });

  it('a face that does not move fails at the time limit, whichever the prompt', () => {
    const long = Array.from({ length: LIVENESS_LIMITS.timeLimitMs / FRAME_MS + 5 }, (_, i) => RECORDED_MOTIONLESS[i % RECORDED_MOTIONLESS.length]!);
    for (const prompt of ['blink', 'turn-head'] as const) {
      const result = run(new LivenessCheck(prompt, 0), samples(long));
      expect(result.state).toBe('failed');
      expect(result.atFrame * FRAME_MS).toBeGreaterThan(LIVENESS_LIMITS.timeLimitMs);
    }
  });

  it('frames without a face in the oval neither pass nor stop the clock', () => {
    const check = new LivenessCheck('blink', 0);
    for (let i = 0; i < 10; i++) expect(check.add({ atMs: i * FRAME_MS, face: null }).kind).toBe('pending');
    expect(check.add({ atMs: LIVENESS_LIMITS.timeLimitMs + 1, face: null }).kind).toBe('failed');
  });

  it('eyes kept half shut from the start do not count as a blink; closing them further does', () => {
    const half = [0.2, 0.2, 0.2, 0.19, 0.2, 0.21].map((o, i) => ({ atMs: i * FRAME_MS, face: { yawDeg: 0, eyeOpenness: o } }));
    const check = new LivenessCheck('blink', 0);
    expect(run(check, half).state).toBe('pending');
    const shut = [0.1, 0.09, 0.2].map((o, i) => ({ atMs: (10 + i) * FRAME_MS, face: { yawDeg: 0, eyeOpenness: o } }));
    expect(run(check, shut)).toEqual({ state: 'passed', atFrame: 2 });
  });

  it('a turn to one side only, or a nod, does not pass the head-turn prompt', () => {
    const rightOnly = samples(RECORDED_COOPERATIVE.map(([yaw, a, b]) => [Math.max(yaw, 0), a, b] as const));
    expect(run(new LivenessCheck('turn-head', 0), rightOnly).state).toBe('pending');
    const leftOnly = samples(RECORDED_COOPERATIVE.map(([yaw, a, b]) => [Math.min(yaw, 0), a, b] as const));
    expect(run(new LivenessCheck('turn-head', 0), leftOnly).state).toBe('pending');
    // A small wobble under the threshold each way.
    const wobble = Array.from({ length: 60 }, (_, i) => [Math.round(Math.sin(i / 3) * (LIVENESS_LIMITS.turnDeg - 2)), 0.37, 0.37] as const);
    expect(run(new LivenessCheck('turn-head', 0), samples(wobble)).state).toBe('pending');
  });

  it('a head turn does not pass the blink prompt (the eyes never close far enough)', () => {
    const turnsOnly = RECORDED_COOPERATIVE.filter(([, a, b]) => Math.min(a, b) > 0.3);
    expect(run(new LivenessCheck('blink', 0), samples(turnsOnly)).state).toBe('pending');
  });

  it('the second try uses the other prompt', () => {
    expect(otherPrompt('blink')).toBe('turn-head');
    expect(otherPrompt('turn-head')).toBe('blink');
  });
});
