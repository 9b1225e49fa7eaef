/**
 * Spoken prompts: from a step shown to its prompt's audio ready on the host (catalogue text read,
 * espeak-ng run, WAV in hand), for every step prompt of every service in the three languages,
 * first uncached, then from the cache. The baseline is a bare start of the same engine
 * (`espeak-ng --version`), measured in the same run: the ratio says how much the synthesis itself
 * costs over starting a process. Needs espeak-ng installed (npm start's bootstrap installs it).
 */
import { spawnSync } from 'node:child_process';
import pino from 'pino';
import { SpeechService } from '../../main/host/speech/speech-service';
import { findOnPath } from '../../main/host/speech/speech-engine';
import { stepPrompt } from '../../renderer/src/speech/step-prompts';
import { everyStep } from '../host/speech-steps';
import { medianAndP95, ratioToBaseline, runIfMain } from './stats';

const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;

export async function bench(): Promise<Record<string, number>> {
  const engine = findOnPath('espeak-ng');
  if (!engine) throw new Error('espeak-ng is not installed: apt-get install espeak-ng');
  const prompts = [...new Set(everyStep().map((view) => stepPrompt(view).join('+')))].filter(Boolean).map((joined) => joined.split('+'));
  // One prompt at a time, as a citizen meets them; the cache holds them all for the second pass.
  const speech = new SpeechService({ log: pino({ level: 'silent' }), cacheEntries: 1000 });
  const cold: number[] = [];
  const warm: number[] = [];
  for (const pass of [cold, warm]) {
    for (const language of LANGUAGES) {
      for (const keys of prompts) {
        const started = performance.now();
        const audio = await speech.audio({ keys, language, slow: false });
        pass.push(performance.now() - started);
        if (!audio) throw new Error(`no audio for ${keys.join('+')} in ${language}: ${JSON.stringify(speech.report)}`);
      }
    }
  }
  const baseline: number[] = [];
  for (let run = 0; run < 30; run++) {
    const started = performance.now();
    spawnSync(engine, ['--version']);
    baseline.push(performance.now() - started);
  }
  return {
    ...medianAndP95('speech.promptReadyColdMs', cold),
    ...ratioToBaseline('speech.promptReadyCold', cold, baseline),
    ...medianAndP95('speech.promptReadyCachedMs', warm),
    ...medianAndP95('speech.engineStartMs', baseline),
    'speech.prompts': cold.length,
  };
}

runIfMain(import.meta.url, bench);
