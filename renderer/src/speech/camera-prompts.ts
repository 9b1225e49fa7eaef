import { PROMPT_KEYS } from '../camera/camera-texts';
import type { CapturePhase } from '../camera/capture-run';

/**
 * What the camera step speaks in each phase, or null to keep the step's own prompt (step-prompts.ts:
 * "face the screen, put your face in the oval"). Guidance while the face is found is not spoken:
 * it changes several times a second and a voice cutting itself off helps nobody. The liveness
 * prompt is spoken (blink; turn left, then right), and so is every end of the step.
 */
export function cameraPhasePrompt(phase: CapturePhase): readonly string[] | null {
  switch (phase.kind) {
    case 'starting':
    case 'guiding':
      return null;
    case 'prompt':
      return [phase.halfway ? PROMPT_KEYS[phase.prompt].second : PROMPT_KEYS[phase.prompt].first];
    case 'prompt-failed':
      return ['camera.promptFailed'];
    case 'go-to-counter':
      return ['camera.goToCounter'];
    case 'sending':
      return ['camera.sending'];
    case 'photo-review':
      return [phase.passed ? 'camera.photo.review' : 'camera.photo.notCompliant'];
    case 'camera-failed':
      return ['camera.cameraFailed'];
    default:
      return phase satisfies never;
  }
}
