/**
 * The camera step through the real host: the endorsement's face capture opens a request that the
 * session view carries, the screen's submitCapture (over the dispatcher, as any screen sends it)
 * moves the flow on, and the still is sealed in the attachment store. Ending the session closes
 * the step. The camera's status as the screen reports it decides whether the endorsement is offered.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResponseMessage, SessionView } from '../../main/api/contract';
import { type Host, startHost } from '../../main/host/host';
import { simulatorConfig } from '../../kiosk-config/schema';
import { TEST_PERMITS } from '../../simulators/certificate-unit/test-data';
import { testJpeg } from './camera-jpegs';

let hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts) await h.stop();
  hosts = [];
});

async function start(): Promise<Host> {
  const host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'camera-step-')),
    config: simulatorConfig({ sync: { heartbeatIntervalS: 3600, intervalMs: 200 }, devices: { idReader: { transport: 'simulator', card: 'resident' } } }),
    log: pino({ level: process.env.TEST_LOG ?? 'silent' }),
  });
  hosts.push(host);
  host.central!.setAutoPay(false);
  return host;
}

let nextId = 1;
const call = (h: Host, command: string, args: object = {}): Promise<ResponseMessage> => h.api.handle({ kind: 'request', id: nextId++, command, args });
const offered = async (h: Host) => ((await call(h, 'getKiosk')) as { result: { services: Array<{ id: string; available: boolean }> } }).result.services.find((s) => s.id === 'hk-macau-endorsement')!.available;

/** Starts the endorsement and brings it to the open camera step. */
async function toCameraStep(h: Host): Promise<Extract<SessionView, { capture?: unknown }> & { capture: NonNullable<Extract<SessionView, { step: 'flow-busy' }>['capture']> }> {
  expect(await call(h, 'reportCamera', { condition: 'online', detail: '' })).toMatchObject({ ok: true });
  expect(await call(h, 'startService', { service: 'hk-macau-endorsement' })).toMatchObject({ ok: true });
  // The session's view rides along so that a slot that never opens says where the flow stood.
  await expect.poll(() => ({ entryEnabled: h.simulators.certificateUnit!.state.entryEnabled, view: h.sessions.view }), { timeout: 30_000 }).toMatchObject({ entryEnabled: true });
  expect(h.simulators.certificateUnit!.insertCard(TEST_PERMITS[0]!)).toBe(true);
  await expect.poll(() => 'capture' in h.sessions.view && h.sessions.view.capture !== undefined, { timeout: 30_000 }).toBe(true);
  return h.sessions.view as never;
}

describe('camera step through the host', { timeout: 60_000 }, () => {
  it('is offered only once the screen says the camera works, hidden when it says the camera is dead or covered, and reported in the heartbeat', async () => {
    const h = await start();
    expect(await offered(h)).toBe(false);
    expect(await call(h, 'startService', { service: 'hk-macau-endorsement' })).toMatchObject({ ok: false, error: { messageKey: 'services.deviceOutOfService' } });
    await call(h, 'reportCamera', { condition: 'online', detail: '' });
    expect(await offered(h)).toBe(true);
    await h.heartbeat.beatOnce();
    expect(h.central!.store.lastHeartbeat('GD-GZ-0001')).toMatchObject({ devices: { camera: { status: 'online' } } });
    await call(h, 'reportCamera', { condition: 'no-frames', detail: 'frames stopped' });
    expect(await offered(h)).toBe(false);
    await h.heartbeat.beatOnce();
    expect(h.central!.store.lastHeartbeat('GD-GZ-0001')).toMatchObject({ devices: { camera: { status: 'hardware-error' } } });
    await call(h, 'reportCamera', { condition: 'covered', detail: 'picture is black' });
    expect(await offered(h)).toBe(false);
  });

  it('carries the request on the view; the still goes sealed into the store and the flow moves on', async () => {
    const h = await start();
    const events: SessionView[] = [];
    h.api.onEvent((event, payload) => event === 'session' && events.push(payload as SessionView));
    const view = await toCameraStep(h);
    expect(view).toMatchObject({ step: 'flow-busy', activity: 'face-capture', capture: { purpose: 'live' } });
    expect(events.some((e) => 'capture' in e && e.capture?.requestId === view.capture.requestId)).toBe(true);
    const still = testJpeg(480, 600);
    const reply = await call(h, 'submitCapture', {
      requestId: view.capture.requestId,
      ok: true,
      jpegBase64: still.toString('base64'),
      width: 480,
      height: 600,
      liveness: { passed: true, method: view.capture.livenessPrompt },
      quality: { faceScore: 0.95, faceWidthPx: 200, yawDeg: 1, pitchDeg: 0, brightness: 150, checks: {} },
    });
    expect(reply).toMatchObject({ ok: true });
    await expect.poll(() => h.sessions.view.step, { timeout: 15_000 }).toBe('choose-endorsement');
    expect('capture' in h.sessions.view && h.sessions.view.capture).toBeFalsy();
    const txnId = (h.sessions.view as Extract<SessionView, { step: 'choose-endorsement' }>).txnId;
    expect(h.store.attachments.read(txnId, 'live.jpg')?.equals(still)).toBe(true);
    // Sealed at rest: the bytes on disk are not the JPEG.
    const raw = h.store.db.prepare('SELECT * FROM attachments').all() as Array<Record<string, unknown>>;
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.some((row) => Object.values(row).some((v) => Buffer.isBuffer(v) && v.includes(still.subarray(0, 64))))).toBe(false);
  });

  it('refuses a hostile still over the API with a typed error and keeps the step open', async () => {
    const h = await start();
    const view = await toCameraStep(h);
    const base = { requestId: view.capture.requestId, ok: true, width: 480, height: 600, liveness: { passed: true, method: 'blink' }, quality: { faceScore: 0.95, faceWidthPx: 200, yawDeg: 1, pitchDeg: 0, brightness: 150, checks: {} } };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), testJpeg(480, 600).subarray(4)]);
    expect(await call(h, 'submitCapture', { ...base, jpegBase64: png.toString('base64') })).toMatchObject({ ok: false, error: { code: 'refused', messageKey: 'camera.stillRefused' } });
    expect(await call(h, 'submitCapture', { ...base, jpegBase64: 'A'.repeat(70_000) })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await call(h, 'submitCapture', { ...base, jpegBase64: testJpeg(480, 600).toString('base64'), width: 4000 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await call(h, 'submitCapture', { ...base, extra: 1, jpegBase64: testJpeg(480, 600).toString('base64') })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect('capture' in h.sessions.view && h.sessions.view.capture?.requestId).toBe(view.capture.requestId);
  });

  it("ends the flow's face step when the screen reports it failed, and closes the step when the citizen leaves", async () => {
    const h = await start();
    const view = await toCameraStep(h);
    expect(await call(h, 'submitCapture', { requestId: view.capture.requestId, ok: false, reason: 'liveness-failed', detail: 'two prompts failed' })).toMatchObject({ ok: true });
    // Not verified: the permit goes back undelivered.
    await expect.poll(() => h.sessions.view, { timeout: 15_000 }).toMatchObject({ step: 'take-permit', returning: true });
    expect(h.sessions.view).not.toHaveProperty('capture');

    const h2 = await start();
    const second = await toCameraStep(h2);
    await call(h2, 'cancelSession');
    await expect.poll(() => 'capture' in h2.sessions.view && h2.sessions.view.capture?.requestId === second.capture.requestId).toBe(false);
  });
});
