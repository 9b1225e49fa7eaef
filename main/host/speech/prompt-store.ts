/**
 * Synthesised prompts kept on disk, in the kiosk's data folder, so that a restart (the nightly
 * one, a power cut) does not run the engine again for every prompt as its screen first shows: a
 * synthesis is ~50 ms of CPU on a 2-core kiosk, just as the screen is drawn and the citizen's next
 * touch comes. Only catalogue prompt text is ever synthesised (SpeechService refuses keys that
 * take values), so nothing personal is written here.
 *
 * A file is named by a hash of the engine (its path and modification time: an upgraded espeak-ng
 * speaks differently), the voice, the pace and the text, so a changed catalogue text or engine
 * is simply another file. A file that is not a WAV (cut short by a power cut, damaged) is not
 * used; it is synthesised and written again. Writes go to a temporary file and are renamed into
 * place; a temporary file another process left (the host died mid-write) goes at the next write.
 * At most `maxFiles` are kept; the least recently written go first. Nothing here throws:
 * a folder that cannot be read or written only means the engine runs as before.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROMPT_STORE_MAX_FILES = 512;

const looksLikeWav = (bytes: Buffer): boolean => bytes.length > 44 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WAVE';

export class PromptStore {
  readonly #dir: string;
  readonly #engineId: string;
  readonly #maxFiles: number;
  /** The end of this process's temporary files' names; the host is the folder's only writer. */
  readonly #ownTemporary = `.${process.pid}.tmp`;

  constructor(dir: string, engine: string, maxFiles = PROMPT_STORE_MAX_FILES) {
    this.#dir = dir;
    this.#maxFiles = maxFiles;
    let modified = 0;
    try {
      modified = statSync(engine).mtimeMs;
    } catch {
      // An engine that cannot be looked at still has its path.
    }
    this.#engineId = `${engine}@${modified}`;
  }

  #file(voice: string, rate: number, text: string): string {
    const name = createHash('sha256').update(`${this.#engineId}\n${voice}\n${rate}\n${text}`).digest('hex');
    return join(this.#dir, `${name}.wav`);
  }

  /** The kept WAV of this prompt, or undefined (never kept, or not a WAV). */
  get(voice: string, rate: number, text: string): Buffer | undefined {
    try {
      const bytes = readFileSync(this.#file(voice, rate, text));
      return looksLikeWav(bytes) ? bytes : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps the WAV of this prompt; false when it could not be written. */
  put(voice: string, rate: number, text: string, wav: Buffer): boolean {
    const file = this.#file(voice, rate, text);
    try {
      mkdirSync(this.#dir, { recursive: true });
      const temporary = `${file}${this.#ownTemporary}`;
      writeFileSync(temporary, wav);
      renameSync(temporary, file);
      this.#prune();
      return true;
    } catch {
      return false;
    }
  }

  #prune(): void {
    const names = readdirSync(this.#dir);
    for (const name of names) if (name.endsWith('.tmp') && !name.endsWith(this.#ownTemporary)) rmSync(join(this.#dir, name), { force: true });
    const files = names.filter((name) => name.endsWith('.wav'));
    if (files.length <= this.#maxFiles) return;
    const byAge = files.map((name) => ({ name, at: statSync(join(this.#dir, name)).mtimeMs })).sort((a, b) => a.at - b.at);
    for (const { name } of byAge.slice(0, files.length - this.#maxFiles)) unlinkSync(join(this.#dir, name));
  }
}
