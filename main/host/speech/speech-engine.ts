/**
 * The speech engine of the spoken prompts: espeak-ng, run by the host.
 *
 * Why a host-side espeak-ng and not the browser's speechSynthesis: on Debian, Chromium's and
 * Electron's speechSynthesis go through speech-dispatcher, which a kiosk session (no desktop,
 * often headless under Xvfb) usually does not run, so the page finds no voices at all and cannot
 * tell central why. espeak-ng is a Debian package (`apt-get install espeak-ng`), fully offline,
 * starts in milliseconds, and has the three voices the kiosk needs: `cmn` (Mandarin, zh-CN),
 * `yue` (Cantonese, zh-TW) and `en`. Its voice is robotic next to a neural voice, but it is
 * intelligible, needs no model download and no GPU; the host knows for sure whether it is there
 * and reports it in the heartbeat. The host also plays the sound (`aplay`, alsa-utils), so the
 * audio never crosses the screen API (its 64 KiB message limit) and the Electron and browser
 * windows behave the same.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Language } from '../../api/contract';

export const ENGINE_COMMAND = 'espeak-ng';
export const PLAYER_COMMAND = 'aplay';

/** espeak-ng's voice for each catalogue language. */
export const VOICES: Readonly<Record<Language, string>> = { 'zh-CN': 'cmn', 'zh-TW': 'yue', en: 'en' };

/** Words per minute: the normal pace, and elderly mode's slower one. */
export const RATE_WPM = { normal: 150, slow: 110 } as const;

export class SpeechEngineError extends Error {
  override readonly name = 'SpeechEngineError';
}

/** The full path of an executable found on PATH, or null. */
export function findOnPath(command: string, path: string = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/**
 * Runs the engine once: text on stdin (never on the command line, where `ps` would show it), a
 * WAV on stdout. Killed after timeoutMs.
 */
export function synthesize(engine: string, text: string, language: Language, slow: boolean, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const args = ['-v', VOICES[language], '-s', String(slow ? RATE_WPM.slow : RATE_WPM.normal), '--stdout'];
    const child = spawn(engine, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let errorText = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (errorText = (errorText + chunk.toString()).slice(-300)));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new SpeechEngineError(`${engine} could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wav = Buffer.concat(chunks);
      if (code === 0 && wav.length > 44) resolve(wav);
      else reject(new SpeechEngineError(`${engine} failed (${signal ?? `exit ${code}`}): ${errorText.trim()}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}
