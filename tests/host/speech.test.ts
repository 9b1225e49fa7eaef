import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { PromptStore } from '../../main/host/speech/prompt-store';
import { SpeechService } from '../../main/host/speech/speech-service';
import { scaleWavVolume, WavError } from '../../main/host/speech/wav';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
import zhTW from '../../renderer/i18n/zh-TW.json';
import { FAKE_SAMPLE, fakeSpeech } from './speech-fakes';

const silent = pino({ level: 'silent' });
let host: Host | undefined;
const services: SpeechService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) service.stop();
  await host?.stop();
  host = undefined;
});

function service(path: string, extra: Partial<ConstructorParameters<typeof SpeechService>[0]> = {}): SpeechService {
  const made = new SpeechService({ log: silent, path, ...extra });
  services.push(made);
  return made;
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function call(h: Host, command: string, args: unknown) {
  return h.api.handle({ kind: 'request', id: 1, command, args });
}

describe('spoken prompts on the host', () => {
  it('speaks a Traditional Chinese prompt in Cantonese, slower in elderly mode, at the chosen volume', async () => {
    const fakes = fakeSpeech();
    const speech = service(fakes.path);
    expect(speech.report).toMatchObject({ status: 'online', engine: 'espeak-ng', problem: null });
    expect(await speech.speak({ keys: ['endorsement.insertPermit.title', 'endorsement.insertPermit.hint'], language: 'zh-TW', slow: true, volume: 50 })).toEqual({ outcome: 'speaking' });
    await until(() => fakes.playerEvents().includes('play 1'), 'the first play');
    const [call1] = fakes.engineCalls();
    expect(call1!.voice).toBe('yue');
    expect(Number(call1!.rate)).toBeLessThan(150);
    // The catalogue's own words, title then hint.
    expect(call1!.text).toContain(zhTW.endorsement.insertPermit.title);
    expect(call1!.text).toContain(zhTW.endorsement.insertPermit.hint);
    const played = fakes.played(1);
    expect(played.readInt16LE(44)).toBe(FAKE_SAMPLE / 2);
    expect(played.readInt16LE(played.length - 2)).toBe(FAKE_SAMPLE / 2);
  });

  it('uses Mandarin for zh-CN and English for en at the normal pace, and synthesises a prompt once', async () => {
    const fakes = fakeSpeech({ playMs: 50 });
    const speech = service(fakes.path);
    const prompt = { keys: ['steps.insertIdCard.title'], slow: false, volume: 100 };
    // Each one is let play to its end: a new prompt cuts the one playing (tested below).
    for (const [n, language] of [[1, 'zh-CN'], [2, 'en'], [3, 'zh-CN']] as const) {
      await speech.speak({ ...prompt, language });
      await until(() => fakes.playerEvents().includes(`ended ${n}`), `play ${n}`);
    }
    expect(fakes.engineCalls().map((c) => [c.voice, c.rate])).toEqual([
      ['cmn', '150'],
      ['en', '150'],
    ]);
    expect(speech.synthesised).toBe(2);
    // Volume 100 plays the engine's bytes unchanged.
    expect(fakes.played(3).readInt16LE(44)).toBe(FAKE_SAMPLE);
  });

  it('keeps at most the configured number of prompts: the oldest is synthesised again', async () => {
    const fakes = fakeSpeech({ playMs: 10 });
    const speech = service(fakes.path, { cacheEntries: 2 });
    for (const key of ['steps.insertIdCard.title', 'steps.readingCard.title', 'pickup.take.title', 'steps.insertIdCard.title']) {
      await speech.speak({ keys: [key], language: 'en', slow: false, volume: 80 });
    }
    expect(speech.synthesised).toBe(4);
  });

  it('keeps synthesised prompts in its folder across a restart; a damaged one, another pace or another language is synthesised again', async () => {
    const fakes = fakeSpeech({ playMs: 10 });
    const storeDir = mkdtempSync(join(tmpdir(), 'speech-prompts-'));
    const prompt = { keys: ['steps.insertIdCard.title'], language: 'en' as const, slow: false };
    const first = await service(fakes.path, { storeDir }).audio(prompt);
    expect(fakes.engineCalls()).toHaveLength(1);
    // The kiosk restarts: a new service, an empty memory cache, the same folder.
    const afterRestart = service(fakes.path, { storeDir });
    expect(await afterRestart.audio(prompt)).toEqual(first);
    expect(afterRestart.synthesised).toBe(0);
    expect(fakes.engineCalls()).toHaveLength(1);
    // Elderly mode's pace and another language are other prompts.
    await afterRestart.audio({ ...prompt, slow: true });
    await afterRestart.audio({ ...prompt, language: 'zh-TW' });
    expect(fakes.engineCalls().map((c) => [c.voice, c.rate])).toEqual([['en', '150'], ['en', '110'], ['yue', '150']]);
    // A file cut short (a power cut while it was written) is not played: it is synthesised and kept again.
    const files = readdirSync(storeDir).filter((name) => name.endsWith('.wav'));
    expect(files).toHaveLength(3);
    for (const name of files) writeFileSync(join(storeDir, name), Buffer.from('RIFF'));
    const afterDamage = service(fakes.path, { storeDir });
    expect(await afterDamage.audio(prompt)).toEqual(first);
    expect(afterDamage.synthesised).toBe(1);
    expect(service(fakes.path, { storeDir }).synthesised).toBe(0);
    expect(await service(fakes.path, { storeDir }).audio(prompt)).toEqual(first);
    expect(fakes.engineCalls()).toHaveLength(4);
  });

  it('keeps at most the configured number of prompt files, the oldest written going first', () => {
    const storeDir = mkdtempSync(join(tmpdir(), 'speech-prompts-'));
    const store = new PromptStore(storeDir, '/usr/bin/espeak-ng', 2);
    const wav = (n: number) => Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE'), Buffer.alloc(40, n)]);
    const wavFiles = () => readdirSync(storeDir).filter((name) => name.endsWith('.wav'));
    for (const [n, text] of ['one', 'two', 'three'].entries()) {
      const before = new Set(wavFiles());
      expect(store.put('en', 150, text, wav(n))).toBe(true);
      // Written minutes apart, however coarse the file system's clock.
      const written = wavFiles().find((name) => !before.has(name));
      if (written) utimesSync(join(storeDir, written), new Date(Date.now() - (3 - n) * 60_000), new Date(Date.now() - (3 - n) * 60_000));
    }
    expect(wavFiles()).toHaveLength(2);
    expect(store.get('en', 150, 'one')).toBeUndefined();
    expect(store.get('en', 150, 'two')).toEqual(wav(1));
    expect(store.get('en', 150, 'three')).toEqual(wav(2));
  });

  it('removes at its next write a temporary file that a host which died mid-write left', () => {
    const storeDir = mkdtempSync(join(tmpdir(), 'speech-prompts-'));
    const left = `${'0'.repeat(64)}.wav.${process.pid + 1}.tmp`;
    writeFileSync(join(storeDir, left), Buffer.from('RIFF'));
    const store = new PromptStore(storeDir, '/usr/bin/espeak-ng');
    expect(store.put('en', 150, 'one', Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE'), Buffer.alloc(40)]))).toBe(true);
    expect(readdirSync(storeDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(storeDir).filter((name) => name.endsWith('.wav'))).toHaveLength(1);
  });

  it.each([1, 2])('runs at most %i engine(s) at once', async (maxSynthesis) => {
    const fakes = fakeSpeech({ synthMs: 300 });
    const speech = service(fakes.path, { maxSynthesis });
    const keys = ['steps.insertIdCard.title', 'steps.readingCard.title', 'pickup.take.title', 'pickup.take.hint'];
    const audio = await Promise.all(keys.map((key) => speech.audio({ keys: [key], language: 'en', slow: false })));
    expect(audio.every((wav) => wav !== null && wav.length > 44)).toBe(true);
    const calls = fakes.engineCalls();
    expect(calls).toHaveLength(4);
    // The most engines running at any one moment (a start counted before an end at the same ms).
    const moments = calls.flatMap((c) => [[c.start, 1] as const, [c.end, -1] as const]).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let running = 0;
    let most = 0;
    for (const [, step] of moments) most = Math.max(most, (running += step));
    // Never more than allowed (the fakes' start-up under load may keep them from overlapping fully).
    expect(most).toBeLessThanOrEqual(maxSynthesis);
    expect(most).toBeGreaterThan(0);
  });

  it('stops the prompt playing when muted, and a new prompt cuts the one before', async () => {
    const fakes = fakeSpeech({ playMs: 5000 });
    const speech = service(fakes.path);
    await speech.speak({ keys: ['steps.insertIdCard.title'], language: 'en', slow: false, volume: 75 });
    await until(() => fakes.playerEvents().includes('play 1'), 'the first play');
    await speech.speak({ keys: ['steps.readingCard.title'], language: 'en', slow: false, volume: 75 });
    await until(() => fakes.playerEvents().includes('stopped 1'), 'the first prompt cut');
    await until(() => fakes.playerEvents().includes('play 2'), 'the second play');
    expect(speech.playing).toBe(true);
    speech.stop();
    await until(() => fakes.playerEvents().includes('stopped 2'), 'mute');
    expect(speech.playing).toBe(false);
    // A player stopped on purpose exits non-zero; that is no fault of the player.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(speech.report).toMatchObject({ status: 'online', problem: null });
    // Volume 0 is mute: nothing is synthesised or played.
    expect(await speech.speak({ keys: ['pickup.take.title'], language: 'en', slow: false, volume: 0 })).toEqual({ outcome: 'text-only' });
    expect(fakes.engineCalls()).toHaveLength(2);
  });

  it('never speaks a key that takes values (a name, a number) nor one missing from the catalogue', () => {
    expect(() => SpeechService.promptText(['endorsement.choose.applicant'], 'zh-CN')).toThrow(/takes values/);
    expect(() => SpeechService.promptText(['steps.noSuchStep.title'], 'en')).toThrow(/no catalogue text/);
    expect(SpeechService.promptText(['steps.insertIdCard.title', 'steps.insertIdCard.hint'], 'en')).toMatch(/^Place your ID card.*\. Lay the card/);
  });

  it('degrades to text only without an engine, and when the engine fails; it works again once the engine does', async () => {
    const none = fakeSpeech({ engine: false });
    const missing = service(none.path);
    expect(missing.report).toEqual({ status: 'offline', engine: null, problem: 'no-engine' });
    expect(await missing.speak({ keys: ['pickup.take.title'], language: 'zh-TW', slow: false, volume: 75 })).toEqual({ outcome: 'text-only' });
    expect(none.playerEvents()).toEqual([]);

    const fakes = fakeSpeech({ playMs: 10 });
    writeFileSync(join(fakes.dir, 'engine-broken'), '');
    const broken = service(fakes.path);
    expect(await broken.speak({ keys: ['pickup.take.title'], language: 'en', slow: false, volume: 75 })).toEqual({ outcome: 'text-only' });
    expect(broken.report).toMatchObject({ status: 'hardware-error', problem: 'engine-failed' });
    const { rmSync } = await import('node:fs');
    rmSync(join(fakes.dir, 'engine-broken'));
    expect(await broken.speak({ keys: ['pickup.take.title'], language: 'en', slow: false, volume: 75 })).toEqual({ outcome: 'speaking' });
    expect(broken.report).toMatchObject({ status: 'online', problem: null });
  });

  it('refuses a WAV it cannot scale', () => {
    expect(() => scaleWavVolume(Buffer.from('not a wav at all'), 50)).toThrow(WavError);
  });
});

describe('spoken prompts through the kiosk host', () => {
  async function start(path: string): Promise<Host> {
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'speech-host-')),
      config: simulatorConfig(),
      log: silent,
      camera: new SimulatedCamera(0),
      speechPath: path,
    });
    return host;
  }

  it('speaks on the screen API, refuses keys that are not prompts, and reports online in the heartbeat', async () => {
    const fakes = fakeSpeech();
    const h = await start(fakes.path);
    expect(await call(h, 'speakPrompt', { keys: ['steps.insertIdCard.title'], language: 'en', slow: false, volume: 75 })).toMatchObject({ ok: true, result: { outcome: 'speaking' } });
    expect(await call(h, 'speakPrompt', { keys: ['endorsement.choose.applicant'], language: 'en', slow: false, volume: 75 })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await call(h, 'speakPrompt', { keys: ['a b'], language: 'en', slow: false, volume: 75 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await call(h, 'speakPrompt', { keys: ['steps.insertIdCard.title'], language: 'fr', slow: false, volume: 75 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    await until(() => fakes.playerEvents().includes('play 1'), 'the play');
    expect(await call(h, 'stopSpeech', {})).toMatchObject({ ok: true });
    await until(() => fakes.playerEvents().includes('stopped 1'), 'stop');
    await h.heartbeat.beatOnce();
    expect(h.central!.store.lastHeartbeat('GD-GZ-0001')).toMatchObject({ devices: { speech: { status: 'online', engine: 'espeak-ng' } } });
  });

  it('runs text only without an engine and tells central so in the heartbeat', async () => {
    const h = await start(fakeSpeech({ engine: false }).path);
    expect(await call(h, 'speakPrompt', { keys: ['steps.insertIdCard.title'], language: 'zh-CN', slow: false, volume: 75 })).toMatchObject({ ok: true, result: { outcome: 'text-only' } });
    await h.heartbeat.beatOnce();
    expect(h.central!.store.lastHeartbeat('GD-GZ-0001')).toMatchObject({ devices: { speech: { status: 'offline', engine: null, problem: 'no-engine' } } });
  });
});
