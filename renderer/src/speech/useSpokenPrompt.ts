import { useEffect, useRef, useState } from 'react';
import type { Language } from '../../../main/api/contract';
import type { ApiClient } from '../api-client';

/** Volume steps of the on-screen control; 0 is mute. */
export const VOLUME_STEPS = [0, 25, 50, 75, 100] as const;
export const DEFAULT_VOLUME = 75;

export interface SpeechSettings {
  readonly volume: number;
  /** The volume before mute, so unmuting goes back to it. */
  readonly lastAudible: number;
}

/**
 * The mute/volume setting of one citizen: back to the default when the session ends (the next
 * citizen may need the voice the last one turned off).
 */
export function useSpeechSettings(sessionStep: string) {
  const [settings, setSettings] = useState<SpeechSettings>({ volume: DEFAULT_VOLUME, lastAudible: DEFAULT_VOLUME });
  useEffect(() => {
    if (sessionStep === 'idle') setSettings({ volume: DEFAULT_VOLUME, lastAudible: DEFAULT_VOLUME });
  }, [sessionStep]);
  return [settings, setSettings] as const;
}

/** Runs `work` after the next frame is painted (at once in a hidden page, which draws no frames); returns a cancel. */
function afterNextFrame(work: () => void): () => void {
  if (document.visibilityState === 'hidden') {
    work();
    return () => undefined;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * Asks the host to speak the shown step's prompt (catalogue keys only) whenever the prompt, the
 * language or elderly mode changes (or `utterance` does: the same words said again), and to stop
 * at once on mute. The host answers `text-only` when it has no speech engine: the screen's text
 * stands alone, nothing else changes.
 */
export function useSpokenPrompt(api: ApiClient, keys: readonly string[], language: Language, slow: boolean, volume: number, utterance = 0): void {
  const prompt = keys.join('+');
  const muted = volume === 0;
  // Volume changes alone do not repeat the prompt; they apply from the next one.
  const volumeRef = useRef(volume);
  volumeRef.current = volume;
  useEffect(() => {
    if (!prompt) {
      void api.invoke('stopSpeech', {}).catch(() => undefined);
      return;
    }
    if (muted) {
      void api.invoke('stopSpeech', {}).catch(() => undefined);
      return;
    }
    // Asked for once the step's first frame is out (and not at all for a step left before then):
    // the host starting its speech engine then does not compete with drawing the new screen.
    const speak = () => void api.invoke('speakPrompt', { keys: prompt.split('+'), language, slow, volume: volumeRef.current }).catch(() => undefined);
    return afterNextFrame(speak);
  }, [api, prompt, language, slow, muted, utterance]);
}
