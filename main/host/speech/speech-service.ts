import { type ChildProcess, spawn } from 'node:child_process';
import type { Language } from '../../api/contract';
import type { DeviceStatus } from '../../../drivers/common/device-status';
import type { SpeakOutcome, SpeakPrompt } from '../../api/speech-contract';
import { RefusedError } from '../api/dispatcher';
import type { DeviceReport } from '../sync/heartbeat';
import type { Logger } from '../log';
import { catalogueText } from '../receipt-texts';
import { PromptStore } from './prompt-store';
import { ENGINE_COMMAND, findOnPath, PLAYER_COMMAND, RATE_WPM, synthesize, VOICES } from './speech-engine';
import { scaleWavVolume } from './wav';

export interface SpeechOptions {
  readonly log: Logger;
  /** PATH to look the engine and the player up in (tests put fakes first). */
  readonly path?: string;
  /** Synthesised prompts kept, most recently used first out last. */
  readonly cacheEntries?: number;
  /** Engine runs at the same time, at most (a 2-core kiosk also runs the camera step). */
  readonly maxSynthesis?: number;
  readonly synthesisTimeoutMs?: number;
  /** A folder to keep synthesised prompts in across restarts (prompt-store.ts); none: memory only. */
  readonly storeDir?: string;
}


/** Why speech is off, for the heartbeat and the log. */
export type SpeechProblem = 'no-engine' | 'no-player' | 'engine-failed' | 'player-failed' | null;

/**
 * Speaks the screen's prompts: catalogue text of the keys the screen sends, synthesised by
 * espeak-ng (speech-engine.ts says why) and played by the host. One prompt at a time: a new one
 * (or mute) cuts the one playing. Only prompt text is ever spoken: a key whose text takes values
 * (`{{name}}`, a number, an amount) is refused, so no name or ID number can reach the speaker,
 * and the log names keys, never text. Without an engine the kiosk runs text only and the
 * heartbeat says so.
 */
export class SpeechService {
  readonly #log: Logger;
  readonly #engine: string | null;
  readonly #player: string | null;
  readonly #cache = new Map<string, Promise<Buffer>>();
  readonly #cacheEntries: number;
  readonly #maxSynthesis: number;
  readonly #timeoutMs: number;
  readonly #store: PromptStore | null;
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  #problem: SpeechProblem;
  #playing: ChildProcess | null = null;
  /** Bumped by every prompt and by stop: a synthesis that finishes late does not play over a newer one. */
  #generation = 0;
  #synthesised = 0;

  constructor(options: SpeechOptions) {
    this.#log = options.log;
    const path = options.path ?? process.env.PATH ?? '';
    this.#engine = findOnPath(ENGINE_COMMAND, path);
    this.#player = findOnPath(PLAYER_COMMAND, path);
    this.#cacheEntries = options.cacheEntries ?? 64;
    this.#maxSynthesis = options.maxSynthesis ?? 2;
    this.#timeoutMs = options.synthesisTimeoutMs ?? 10_000;
    this.#problem = !this.#engine ? 'no-engine' : !this.#player ? 'no-player' : null;
    this.#store = options.storeDir && this.#engine ? new PromptStore(options.storeDir, this.#engine) : null;
    if (this.#problem) this.#log.warn({ problem: this.#problem, engine: ENGINE_COMMAND, player: PLAYER_COMMAND }, 'spoken prompts are off: text only');
  }

  /** For the heartbeat, beside the devices. */
  get report(): DeviceReport {
    return { status: this.condition, engine: this.#engine ? ENGINE_COMMAND : null, problem: this.#problem };
  }

  /** In the one status vocabulary: missing is offline, installed but failing needs a technician. */
  get condition(): DeviceStatus {
    if (!this.#problem) return 'online';
    return this.#problem === 'no-engine' || this.#problem === 'no-player' ? 'offline' : 'hardware-error';
  }

  /** How many times the engine ran (the cache's effect shows in tests and the bench). */
  get synthesised(): number {
    return this.#synthesised;
  }

  /** True while a prompt plays. */
  get playing(): boolean {
    return this.#playing !== null;
  }

  /** The text of a prompt, checked: every key in the catalogue, none taking values. */
  static promptText(keys: readonly string[], language: Language): string {
    const parts = keys.map((key) => {
      const text = catalogueText(language, key);
      if (text === undefined) throw new RefusedError(`no catalogue text for the prompt key ${key}`, 'errors.notNow');
      if (text.includes('{{')) throw new RefusedError(`the prompt key ${key} takes values and is never spoken`, 'errors.notNow');
      return text.trim();
    });
    const stop = language === 'en' ? '.' : '。';
    return parts.map((part) => (/[.!?。！？…:：]$/.test(part) ? part : part + stop)).join(' ');
  }

  /** Synthesised audio of a prompt (cached), or null when speech is off. */
  async audio(request: Pick<SpeakPrompt, 'keys' | 'language' | 'slow'>): Promise<Buffer | null> {
    const text = SpeechService.promptText(request.keys, request.language);
    if (!this.#engine || this.#problem === 'no-player') return null;
    const cacheKey = `${request.language}|${request.slow ? 'slow' : 'normal'}|${request.keys.join('+')}`;
    let wav = this.#cache.get(cacheKey);
    if (wav) {
      // Most recently used goes to the back: the oldest is the first out.
      this.#cache.delete(cacheKey);
      this.#cache.set(cacheKey, wav);
    } else {
      wav = this.#keptOrSynthesised(this.#engine, text, request);
      this.#cache.set(cacheKey, wav);
      while (this.#cache.size > this.#cacheEntries) this.#cache.delete(this.#cache.keys().next().value as string);
      wav.catch(() => this.#cache.delete(cacheKey));
    }
    try {
      const bytes = await wav;
      if (this.#problem === 'engine-failed') this.#setProblem(null);
      return bytes;
    } catch (error) {
      this.#setProblem('engine-failed', error);
      return null;
    }
  }

  /** The prompt as kept on disk from an earlier run, or synthesised now (and kept). */
  async #keptOrSynthesised(engine: string, text: string, request: Pick<SpeakPrompt, 'language' | 'slow'>): Promise<Buffer> {
    const voice = VOICES[request.language];
    const rate = request.slow ? RATE_WPM.slow : RATE_WPM.normal;
    const kept = this.#store?.get(voice, rate, text);
    if (kept) return kept;
    const wav = await this.#bounded(() => synthesize(engine, text, request.language, request.slow, this.#timeoutMs));
    this.#store?.put(voice, rate, text, wav);
    return wav;
  }

  /** Speaks a step's prompt, cutting whatever plays. Volume 0 (mute) only stops. */
  async speak(request: SpeakPrompt): Promise<SpeakOutcome> {
    // A refused prompt changes nothing: what plays goes on.
    SpeechService.promptText(request.keys, request.language);
    const generation = ++this.#generation;
    this.#stopPlaying();
    if (request.volume === 0) return { outcome: 'text-only' };
    const wav = await this.audio(request);
    if (!wav || !this.#player) return { outcome: 'text-only' };
    if (generation !== this.#generation) return { outcome: 'speaking' };
    this.#play(this.#player, scaleWavVolume(wav, request.volume));
    this.#log.info({ keys: request.keys, language: request.language, slow: request.slow }, 'prompt spoken');
    return { outcome: 'speaking' };
  }

  /** Mute, a session's end, the host stopping: silence now. */
  stop(): void {
    this.#generation++;
    this.#stopPlaying();
  }

  #play(player: string, wav: Buffer): void {
    const child = spawn(player, ['-q', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    this.#playing = child;
    let errorText = '';
    child.stderr?.on('data', (chunk: Buffer) => (errorText = (errorText + chunk.toString()).slice(-300)));
    child.on('error', (error) => this.#setProblem('player-failed', error));
    child.on('close', (code, signal) => {
      if (this.#playing === child) this.#playing = null;
      // Stopped on purpose (mute, a newer prompt): not a failure, however the player exits.
      if (signal || child.killed) return;
      if (code === 0) {
        if (this.#problem === 'player-failed') this.#setProblem(null);
      } else this.#setProblem('player-failed', new Error(`${PLAYER_COMMAND} exit ${code}: ${errorText.trim()}`));
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(wav);
  }

  #stopPlaying(): void {
    const child = this.#playing;
    this.#playing = null;
    if (child && child.exitCode === null) child.kill('SIGTERM');
  }

  #setProblem(problem: SpeechProblem, error?: unknown): void {
    if (problem === this.#problem) return;
    this.#problem = problem;
    if (problem) this.#log.warn({ err: error, problem }, 'spoken prompts failed: text only until they work again');
    else this.#log.info('spoken prompts work again');
  }

  async #bounded<T>(work: () => Promise<T>): Promise<T> {
    while (this.#running >= this.#maxSynthesis) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running++;
    this.#synthesised++;
    try {
      return await work();
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }
}
