import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A folder of stand-ins for espeak-ng and aplay, put first on the speech module's PATH. The
 * engine logs what it was asked (voice, rate, text) and writes a real 16-bit WAV (a steady
 * sample value, so volume scaling shows in the bytes); the player keeps what it was given and
 * "plays" for playMs, noting when it is stopped early.
 */
export interface FakeSpeech {
  readonly dir: string;
  /** PATH for the speech module's look-up (the scripts themselves find node on the real PATH). */
  readonly path: string;
  engineCalls(): EngineCall[];
  /** Player events in order: `play <n>` and `stopped <n>`. */
  playerEvents(): string[];
  /** The WAV the player got for its n-th play (1-based). */
  played(n: number): Buffer;
}

export const FAKE_SAMPLE = 10_000;

/** One run of the fake engine: what it was asked, and when it started and ended (epoch ms). */
export interface EngineCall {
  readonly voice: string;
  readonly rate: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const ENGINE = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
const voice = args[args.indexOf('-v') + 1];
const rate = args[args.indexOf('-s') + 1];
const start = Date.now();
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  // A synthesis takes a while (so runs at the same time overlap), then logs when it ran.
  setTimeout(() => finish(Buffer.concat(chunks).toString('utf8')), ${'${SYNTH_MS}'});
});
function finish(text) {
  fs.appendFileSync(path.join(__dirname, 'engine.log'), JSON.stringify({ voice, rate, text, start, end: Date.now() }) + '\\n');
  if (process.env.FAKE_ENGINE_FAIL === '1' || fs.existsSync(path.join(__dirname, 'engine-broken'))) {
    process.stderr.write('no such voice');
    process.exit(1);
  }
  const samples = 2205;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0); wav.writeUInt32LE(0x7fffffff, 4); wav.write('WAVE', 8);
  wav.write('fmt ', 12); wav.writeUInt32LE(16, 16); wav.writeUInt16LE(1, 20); wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(22050, 24); wav.writeUInt32LE(44100, 28); wav.writeUInt16LE(2, 32); wav.writeUInt16LE(16, 34);
  wav.write('data', 36); wav.writeUInt32LE(0x7fffffff, 40);
  for (let i = 0; i < samples; i++) wav.writeInt16LE(${FAKE_SAMPLE}, 44 + i * 2);
  process.stdout.write(wav);
}
`;

const PLAYER = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const log = path.join(__dirname, 'player.log');
const n = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\\n').filter((l) => l.startsWith('play')).length + 1 : 1;
const chunks = [];
process.on('SIGTERM', () => { fs.appendFileSync(log, 'stopped ' + n + '\\n'); process.exit(143); });
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  fs.writeFileSync(path.join(__dirname, 'played-' + n + '.wav'), Buffer.concat(chunks));
  fs.appendFileSync(log, 'play ' + n + '\\n');
  setTimeout(() => { fs.appendFileSync(log, 'ended ' + n + '\\n'); process.exit(0); }, ${'${PLAY_MS}'});
});
`;

export function fakeSpeech(options: { engine?: boolean; player?: boolean; playMs?: number; synthMs?: number } = {}): FakeSpeech {
  const dir = mkdtempSync(join(tmpdir(), 'fake-speech-'));
  if (options.engine ?? true) writeFileSync(join(dir, 'espeak-ng'), ENGINE.replace('${SYNTH_MS}', String(options.synthMs ?? 0)));
  if (options.player ?? true) writeFileSync(join(dir, 'aplay'), PLAYER.replace('${PLAY_MS}', String(options.playMs ?? 3000)));
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o755);
  const lines = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean) : []);
  return {
    dir,
    // Only this folder: a real espeak-ng on the system must not stand in for a missing fake.
    path: dir,
    engineCalls: () => lines('engine.log').map((line) => JSON.parse(line) as EngineCall),
    playerEvents: () => lines('player.log'),
    played: (n) => readFileSync(join(dir, `played-${n}.wav`)),
  };
}
