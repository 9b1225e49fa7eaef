/**
 * Active liveness: the citizen follows a prompt (blink, or turn the head to their left and then to
 * their right) within a time limit. Fed one measurement per analysed frame; pure, so it is tested
 * on recorded landmark sequences (the head turn cannot be filmed honestly from a still face
 * everywhere, and a blink must not be mistaken for a look down).
 */
import type { LivenessPrompt } from '../../../main/api/camera-contract';

export interface LivenessSample {
  readonly atMs: number;
  /** The one face in the oval (guidance 'hold' or a head turned on purpose), or null. */
  readonly face: { readonly yawDeg: number; readonly eyeOpenness: number } | null;
}

export type LivenessState = { readonly kind: 'pending'; readonly progress: 0 | 1 } | { readonly kind: 'passed' } | { readonly kind: 'failed'; readonly why: 'timeout' };

export const LIVENESS_LIMITS = {
  /** A prompt not followed within this time fails. */
  timeLimitMs: 12_000,
  /** Closed: openness below this share of the open eye's; open again above the second share. */
  closedShare: 0.65,
  reopenedShare: 0.85,
  /** Open eyes measured over these first face frames set the reference. */
  referenceFrames: 2,
  /** Turned: yaw past this many degrees each way. */
  turnDeg: 10,
} as const;

/** One run of one prompt. */
export class LivenessCheck {
  readonly prompt: LivenessPrompt;
  readonly #startMs: number;
  readonly #timeLimitMs: number;
  #openReference = 0;
  #faceFrames = 0;
  /** blink: the eyes were seen closed; turn-head: the head was seen turned left. */
  #halfway = false;
  #state: LivenessState = { kind: 'pending', progress: 0 };

  constructor(prompt: LivenessPrompt, startMs: number, timeLimitMs: number = LIVENESS_LIMITS.timeLimitMs) {
    this.prompt = prompt;
    this.#startMs = startMs;
    this.#timeLimitMs = timeLimitMs;
  }

  get state(): LivenessState {
    return this.#state;
  }

  add(sample: LivenessSample): LivenessState {
    if (this.#state.kind !== 'pending') return this.#state;
    if (sample.atMs - this.#startMs > this.#timeLimitMs) return (this.#state = { kind: 'failed', why: 'timeout' });
    const face = sample.face;
    if (!face) return this.#state;
    const done = this.prompt === 'blink' ? this.#blink(face.eyeOpenness) : this.#turn(face.yawDeg);
    this.#state = done ? { kind: 'passed' } : { kind: 'pending', progress: this.#halfway ? 1 : 0 };
    return this.#state;
  }

  #blink(openness: number): boolean {
    const L = LIVENESS_LIMITS;
    this.#faceFrames++;
    // The reference is the widest open eye seen: a citizen who starts with eyes half shut still
    // has to close them further than that to count.
    if (!this.#halfway) this.#openReference = Math.max(this.#openReference, openness);
    if (this.#faceFrames <= L.referenceFrames) return false;
    if (!this.#halfway) {
      if (openness < this.#openReference * L.closedShare) this.#halfway = true;
      return false;
    }
    return openness > this.#openReference * L.reopenedShare;
  }

  #turn(yawDeg: number): boolean {
    if (!this.#halfway) {
      if (yawDeg <= -LIVENESS_LIMITS.turnDeg) this.#halfway = true;
      return false;
    }
    return yawDeg >= LIVENESS_LIMITS.turnDeg;
  }
}

/** The prompt of the second try: the other one (a citizen who cannot blink on cue may turn). */
export function otherPrompt(prompt: LivenessPrompt): LivenessPrompt {
  return prompt === 'blink' ? 'turn-head' : 'blink';
}
