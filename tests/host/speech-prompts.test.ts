import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../main/api/contract';
import { SessionView as SessionViewSchema } from '../../main/api/contract';
import { SpeechService } from '../../main/host/speech/speech-service';
import type { CapturePhase } from '../../renderer/src/camera/capture-run';
import { cameraPhasePrompt } from '../../renderer/src/speech/camera-prompts';
import { stepPrompt } from '../../renderer/src/speech/step-prompts';
import { LANGUAGES } from '../support/catalogues';
import { everyStep } from './speech-steps';

describe('every step of every service has a spoken prompt', () => {
  const views = everyStep();

  it('covers every step of the contract', () => {
    const steps = new Set(views.map((v) => v.step));
    expect(steps.size).toBe(SessionViewSchema.options.length);
    expect(views.length).toBeGreaterThan(steps.size);
  });

  it.each(LANGUAGES)('speaks catalogue text free of values for every step in %s', (language) => {
    for (const view of views) {
      const keys = stepPrompt(view);
      if (view.step === 'idle') {
        expect(keys).toEqual([]);
        continue;
      }
      expect(keys.length, view.step).toBeGreaterThan(0);
      // promptText refuses a key missing from the catalogue or one whose text takes values.
      expect(() => SpeechService.promptText(keys, language), `${view.step} ${JSON.stringify(keys)}`).not.toThrow();
    }
  });

  it.each(['live', 'id-photo'] as const)('an open %s camera step speaks its own prompt in every language', (purpose) => {
    const view = { step: 'flow-busy', activity: 'face-capture', capture: { purpose } } as unknown as SessionView;
    const keys = stepPrompt(view);
    expect(keys).not.toEqual(stepPrompt({ ...view, capture: undefined } as SessionView));
    for (const language of LANGUAGES) expect(SpeechService.promptText(keys, language).length).toBeGreaterThan(3);
  });

  it('the camera step speaks its liveness prompts (blink; turn left, then right) and its ends in every language', () => {
    const prompt = { kind: 'prompt', attempt: 1, guidance: 'hold', endsAtMs: 0 } as const;
    const phases: CapturePhase[] = [
      { ...prompt, prompt: 'blink', halfway: false },
      { ...prompt, prompt: 'turn-head', halfway: false },
      { ...prompt, prompt: 'turn-head', halfway: true },
      { kind: 'prompt-failed', nextPrompt: 'blink' },
      { kind: 'go-to-counter' },
      { kind: 'sending' },
      { kind: 'photo-review', photoUrl: '', passed: true, failedChecks: [] },
      { kind: 'photo-review', photoUrl: '', passed: false, failedChecks: [] },
      { kind: 'camera-failed' },
    ];
    const spoken = phases.map((phase) => cameraPhasePrompt(phase));
    expect(spoken.slice(0, 3)).toEqual([['camera.prompt.blink'], ['camera.prompt.turnLeft'], ['camera.prompt.turnRight']]);
    for (const keys of spoken) for (const language of LANGUAGES) expect(() => SpeechService.promptText(keys!, language)).not.toThrow();
    // Guidance changes several times a second: the step's own prompt stays.
    expect(cameraPhasePrompt({ kind: 'guiding', guidance: 'comeCloser' })).toBeNull();
  });
});
