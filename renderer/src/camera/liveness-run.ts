/**
 * The liveness part of a live camera step, fed the measured faces of each analysed frame: the
 * prompt (the host's first, the other one on the retry), whether the citizen followed it
 * (liveness.ts), the same face followed from the prompt's first face to the still (face-track.ts),
 * and why each try failed. Pure: CaptureRun shows what it decides; tests feed it sequences.
 */
import type { LivenessPrompt } from '../../../main/api/camera-contract';
import type { FaceMeasure } from './face-measure';
import { FaceTrack } from './face-track';
import { type Guidance, mainFace } from './guidance';
import { LivenessCheck, otherPrompt } from './liveness';

/** What one analysed frame showed of the faces (CaptureRun's frame, without its pixels). */
export interface FacesSeen {
  readonly measures: readonly FaceMeasure[];
  readonly guidance: Guidance;
}

export type PromptOutcome =
  | { readonly kind: 'pending'; readonly halfway: boolean }
  | { readonly kind: 'passed' }
  /** `nextPrompt` for the retry, null when that was the last try. */
  | { readonly kind: 'failed'; readonly nextPrompt: LivenessPrompt | null };

export const FAILED_BECAUSE = {
  jump: 'another face took the place of the first during the prompt',
  gone: 'the face left the picture during the prompt',
  timeout: 'the prompt was not followed in time',
} as const;

export class LivenessRun {
  readonly #firstPrompt: LivenessPrompt;
  readonly #timeLimitMs: number | undefined;
  #attempt: 1 | 2 = 1;
  #check: LivenessCheck | undefined;
  /** The prompt of the try under way or last followed. */
  #prompt: LivenessPrompt | undefined;
  #passed = false;
  #track: FaceTrack<FaceMeasure> | undefined;
  readonly #failures: string[] = [];

  /** `timeLimitMs`: per prompt (the host's request says it; LivenessCheck's default otherwise). */
  constructor(firstPrompt: LivenessPrompt, timeLimitMs?: number) {
    this.#firstPrompt = firstPrompt;
    this.#timeLimitMs = timeLimitMs;
  }

  get attempt(): 1 | 2 {
    return this.#attempt;
  }

  /** The prompt was followed, by the face still in the oval. */
  get passed(): boolean {
    return this.#passed;
  }

  /** The prompt to ask now: the host's first, or the same again when the face changed after it was followed. */
  get prompt(): LivenessPrompt {
    return this.#prompt ?? this.#firstPrompt;
  }

  /** Why each try failed, for the host's log. */
  get failures(): readonly string[] {
    return this.#failures;
  }

  /** A prompt is shown from `atMs` (`retry` for the second try). */
  start(prompt: LivenessPrompt, atMs: number, retry = false): void {
    if (retry) this.#attempt = 2;
    this.#prompt = prompt;
    this.#check = new LivenessCheck(prompt, atMs, this.#timeLimitMs);
    this.#track = undefined;
    this.#passed = false;
  }

  /** A frame analysed while the prompt is shown. */
  promptFrame(seen: FacesSeen, atMs: number): PromptOutcome {
    const check = this.#check;
    if (!check) return { kind: 'pending', halfway: false };
    const face = this.#follow(seen.measures, atMs);
    // Someone else in the oval: what was shown of the prompt so far does not count.
    if (face && 'broken' in face) return this.#fail(check.prompt, FAILED_BECAUSE[face.broken]);
    // A head turned on purpose reads as "face the camera"; anything else means the face is not there to judge.
    const usable = face && seen.measures.length === 1 && (seen.guidance === 'hold' || (seen.guidance === 'faceCamera' && check.prompt === 'turn-head'));
    const state = check.add({ atMs, face: usable ? face : null });
    if (state.kind === 'passed') {
      this.#passed = true;
      return { kind: 'passed' };
    }
    if (state.kind === 'failed') return this.#fail(check.prompt, FAILED_BECAUSE.timeout);
    return { kind: 'pending', halfway: state.progress === 1 };
  }

  /**
   * A frame analysed after the prompt was followed: the face the still is to be of (the one that
   * followed the prompt), null when it is not in this frame, 'again' when another face took its
   * place (the prompt must be followed again).
   */
  stillFrame(measures: readonly FaceMeasure[], atMs: number): FaceMeasure | null | 'again' {
    if (!this.#passed) return null;
    const face = this.#follow(measures, atMs);
    if (!face || !('broken' in face)) return face;
    this.#passed = false;
    return 'again';
  }

  /** The followed face in this frame (the track starts at the prompt's first face), or why the track broke. */
  #follow(measures: readonly FaceMeasure[], atMs: number): FaceMeasure | null | { readonly broken: 'jump' | 'gone' } {
    if (!this.#track) {
      const face = mainFace(measures);
      if (face) this.#track = new FaceTrack(face, atMs);
      return face ?? null;
    }
    const step = this.#track.follow(atMs, measures);
    if (step.kind === 'same') return step.face;
    if (step.kind === 'lost') return null;
    this.#track = undefined;
    return { broken: step.why };
  }

  #fail(prompt: LivenessPrompt, why: string): PromptOutcome {
    this.#check = undefined;
    this.#track = undefined;
    this.#failures.push(why);
    return { kind: 'failed', nextPrompt: this.#attempt === 1 ? otherPrompt(prompt) : null };
  }
}
