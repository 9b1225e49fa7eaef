import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type KioskConfigInput, simulatorConfig } from '../../kiosk-config/schema';
import type { KioskView, ResponseMessage } from '../../main/api/contract';
import { embeddedCentralSecret } from '../../main/host/embedded-central';
import { createSealer } from '../../main/host/store/sealing';
import { type Host, type HostOptions, startHost } from '../../main/host/host';
import { runKiosk } from '../../main/host/kiosk-runtime';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';

const KIOSK = 'GD-GZ-0001';
const silent = pino({ level: 'silent' });
let hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts) await h.stop();
  hosts = [];
  vi.unstubAllEnvs();
});

async function start(dataDir: string, config: Omit<KioskConfigInput, 'mode'> = {}, options: Partial<HostOptions> = {}): Promise<Host> {
  const host = await startHost({
    dataDir,
    // Beats only when the test says; the reader starts empty.
    config: simulatorConfig({ sync: { heartbeatIntervalS: 3600 }, devices: { idReader: { transport: 'simulator', card: 'none' } }, ...config }),
    log: silent,
    ...options,
  });
  hosts.push(host);
  return host;
}

async function call(h: Host, command: string, args: object = {}): Promise<ResponseMessage> {
  return h.api.handle({ kind: 'request', id: 1, command, args });
}

async function kiosk(h: Host): Promise<KioskView> {
  const reply = await call(h, 'getKiosk');
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.result as KioskView;
}

async function firstBeat(h: Host): Promise<void> {
  await expect.poll(() => h.central!.store.heartbeatCount(KIOSK)).toBeGreaterThanOrEqual(1);
}

const commandResults = (h: Host) =>
  h.central!.store
    .records(KIOSK)
    .filter((r) => r.kind === 'command-result')
    .map((r) => (JSON.parse(r.body) as { payload: Record<string, unknown> }).payload);

describe('the host decides what may start', () => {
  it('refuses a service the kiosk is not enrolled for', async () => {
    // No screen here: a simulated camera, so the pickup's devices can serve.
    const h = await start(mkdtempSync(join(tmpdir(), 'offer-')), { services: ['certificate-pickup'] }, { camera: new SimulatedCamera() });
    expect(await call(h, 'startService', { service: 'progress-query' })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'services.notOfferedHere' },
    });
    expect(await call(h, 'startService', { service: 'hk-macau-endorsement' })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'services.notOfferedHere' },
    });
    expect(await call(h, 'startService', { service: 'id-reissue' })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'services.notOfferedHere' },
    });
    expect(h.sessions.view.step).toBe('idle');
    // The one it is enrolled for starts.
    expect(await call(h, 'startService', { service: 'certificate-pickup' })).toMatchObject({ ok: true, result: { step: 'pickup-choose-method' } });
  });

  it('refuses a service whose device is out, whatever the screen shows', async () => {
    const h = await start(mkdtempSync(join(tmpdir(), 'offer-')));
    h.simulators.idReader!.injectFault({ kind: 'silence' });
    await h.devices.idReader.getStatus();
    expect(h.devices.idReader.status.status).toBe('offline');
    expect(await call(h, 'startService', { service: 'hk-macau-endorsement' })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'services.deviceOutOfService' },
    });
  });

  it('refuses commands that do not fit the session: cancel or finish with no session, retry while waiting', async () => {
    const h = await start(mkdtempSync(join(tmpdir(), 'state-')));
    expect(await call(h, 'cancelSession')).toMatchObject({ ok: false, error: { code: 'refused', messageKey: 'errors.notNow' } });
    expect(await call(h, 'finishSession')).toMatchObject({ ok: false, error: { code: 'refused' } });
    // The progress query needs no device (here, with no screen, there is no camera).
    expect(await call(h, 'startService', { service: 'progress-query' })).toMatchObject({ ok: true });
    expect(await call(h, 'retryStep')).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await call(h, 'startService', { service: 'progress-query' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await call(h, 'cancelSession')).toMatchObject({ ok: true, result: { step: 'idle' } });
  });
});

describe("central's commands", () => {
  it('keeps the kiosk out of service across a restart until central says in-service', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oos-'));
    const first = await start(dataDir);
    await firstBeat(first);
    first.central!.queueCommand(KIOSK, { id: 'oos-1', type: 'out-of-service' });
    await first.heartbeat.beatOnce();
    expect((await kiosk(first)).outOfService).toBe(true);
    await first.stop();
    hosts = [];

    const second = await start(dataDir);
    expect(await kiosk(second)).toMatchObject({ outOfService: true });
    expect(await call(second, 'startService', { service: 'id-reissue' })).toMatchObject({
      ok: false,
      error: { messageKey: 'services.kioskOutOfService' },
    });
    await firstBeat(second);
    // The same command again (central repeats until it sees the effect) is not carried out twice.
    second.central!.queueCommand(KIOSK, { id: 'oos-1', type: 'out-of-service' });
    second.central!.queueCommand(KIOSK, { id: 'in-1', type: 'in-service' });
    expect(await second.heartbeat.beatOnce()).toEqual({ kind: 'sent', commands: 1 });
    expect((await kiosk(second)).outOfService).toBe(false);
    await expect.poll(() => commandResults(second).map((p) => p.commandId)).toEqual(['oos-1', 'in-1']);
  });

  it('restarts on `restart`, acknowledges it to central, and does not restart again for the same command', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'restart-'));
    const restarts: string[] = [];
    const h = await start(dataDir, {}, { onRestartRequested: (why) => restarts.push(why) });
    await firstBeat(h);
    h.central!.queueCommand(KIOSK, { id: 'r-1', type: 'restart' });
    await h.heartbeat.beatOnce();
    await expect.poll(() => restarts).toEqual(['restart']);
    await expect.poll(() => commandResults(h)).toEqual([{ commandId: 'r-1', type: 'restart', outcome: 'done' }]);
    await h.stop();
    hosts = [];

    const again = await start(dataDir, {}, { onRestartRequested: (why) => restarts.push(why) });
    await firstBeat(again);
    again.central!.queueCommand(KIOSK, { id: 'r-1', type: 'restart' });
    expect(await again.heartbeat.beatOnce()).toEqual({ kind: 'sent', commands: 0 });
    expect(restarts).toEqual(['restart']);
  });

  it('says so to central when nothing can restart the host', async () => {
    const h = await start(mkdtempSync(join(tmpdir(), 'restart-')));
    await firstBeat(h);
    h.central!.queueCommand(KIOSK, { id: 'r-2', type: 'restart' });
    await h.heartbeat.beatOnce();
    await expect.poll(() => commandResults(h)).toEqual([
      { commandId: 'r-2', type: 'restart', outcome: 'failed', detail: expect.stringMatching(/cannot restart/) },
    ]);
  });

  it('applies `reload-config` by a restart only when the file on disk is valid', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'reload-'));
    const file = join(dataDir, 'kiosk-config.json');
    writeFileSync(file, JSON.stringify({ mode: 'simulator', sync: { heartbeatIntervalS: 3600 }, devices: { idReader: { transport: 'simulator', card: 'none' } } }));
    vi.stubEnv('KIOSK_CONFIG', file);
    const restarts: string[] = [];
    const h = await startHost({ dataDir, log: silent, onRestartRequested: (why) => restarts.push(why) });
    hosts.push(h);
    await firstBeat(h);
    writeFileSync(file, JSON.stringify({ kioskId: KIOSK }));
    h.central!.queueCommand(KIOSK, { id: 'c-bad', type: 'reload-config' });
    await h.heartbeat.beatOnce();
    await expect.poll(() => commandResults(h)).toEqual([
      { commandId: 'c-bad', type: 'reload-config', outcome: 'failed', detail: expect.stringMatching(/central: production mode needs a remote central/) },
    ]);
    expect(restarts).toEqual([]);

    writeFileSync(file, JSON.stringify({ mode: 'simulator', sync: { heartbeatIntervalS: 60 } }));
    h.central!.queueCommand(KIOSK, { id: 'c-good', type: 'reload-config' });
    await h.heartbeat.beatOnce();
    await expect.poll(() => restarts).toEqual(['reload-config']);
  });
});

describe('no fallback without being told', () => {
  it('makes the embedded central secret per data folder, never a constant, readable only by the kiosk user', () => {
    const a = mkdtempSync(join(tmpdir(), 'secret-'));
    const b = mkdtempSync(join(tmpdir(), 'secret-'));
    const secretA = embeddedCentralSecret(a);
    expect(Buffer.from(secretA, 'base64')).toHaveLength(32);
    expect(embeddedCentralSecret(a)).toBe(secretA);
    expect(embeddedCentralSecret(b)).not.toBe(secretA);
    expect(statSync(join(a, 'central-sim.secret')).mode & 0o777).toBe(0o600);
  });

  it('shows the first-boot screen, never a citizen service, when the packaged kiosk has no configuration', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'unprovisioned-'));
    vi.stubEnv('KIOSK_DATA_DIR', dataDir);
    const problems: string[] = [];
    const runtime = await runKiosk({ rendererDir: dataDir, port: 0, log: silent, requireConfigFile: true, onProblem: (m) => problems.push(m) });
    try {
      expect(runtime.host).toBeNull();
      expect(problems.join('\n')).toMatch(/kiosk-config\.json does not exist.*not provisioned/s);
      const view = await runtime.api.handle({ kind: 'request', id: 1, command: 'getKiosk', args: {} });
      expect(view).toMatchObject({ ok: true, result: { outOfService: true } });
      expect((view as { result: KioskView }).result.services.every((s) => !s.available && s.reasonKey === 'provisioning.notProvisioned')).toBe(true);
      expect(await runtime.api.handle({ kind: 'request', id: 2, command: 'startService', args: { service: 'id-reissue' } })).toMatchObject({
        ok: false,
        error: { code: 'refused', messageKey: 'provisioning.notProvisioned' },
      });
      // Field staff provision it on the screen (tests/e2e/provisioning.e2e.test.ts).
      expect(await runtime.api.handle({ kind: 'request', id: 3, command: 'getProvisioning', args: {} })).toMatchObject({ ok: true, result: { stage: 'enter' } });
    } finally {
      await runtime.stop();
    }
  });

  it('stays out of service, naming the file to restore, when the key of sealed rows is lost', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lost-key-'));
    const h = await start(dataDir);
    h.journal.record({ txnId: 'sealed-1', kind: 'id-reissue', state: 'completed', data: { idNumber: '44010619900307001X' } }, Date.now());
    await h.stop();
    hosts = [];
    rmSync(join(dataDir, 'keys'), { recursive: true });
    vi.stubEnv('KIOSK_DATA_DIR', dataDir);
    const problems: string[] = [];
    const runtime = await runKiosk({ rendererDir: dataDir, port: 0, log: silent, onProblem: (m) => problems.push(m) });
    try {
      expect(runtime.host).toBeNull();
      expect(problems.join('\n')).toMatch(/keys\/[0-9a-f]{8}\.key\. Restore the file/);
      expect(await runtime.api.handle({ kind: 'request', id: 1, command: 'getKiosk', args: {} })).toMatchObject({ ok: true, result: { outOfService: true } });
    } finally {
      await runtime.stop();
    }
  });

  it('restarts a host in place: the same URL and token, a new host', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'in-place-'));
    vi.stubEnv('KIOSK_DATA_DIR', dataDir);
    const runtime = await runKiosk({ rendererDir: dataDir, port: 0, log: silent });
    try {
      const before = { url: runtime.url, host: runtime.host };
      expect(before.host?.config.mode).toBe('simulator');
      await runtime.restart('test');
      expect(runtime.url).toBe(before.url);
      expect(runtime.host).not.toBe(before.host);
      expect(runtime.host?.config.mode).toBe('simulator');
    } finally {
      await runtime.stop();
    }
  });
});

describe('storage that cannot take more', () => {
  it('a full journal stops new transactions, says why in the heartbeat, and still delivers what was committed', async () => {
    const h = await start(mkdtempSync(join(tmpdir(), 'full-')));
    await firstBeat(h);
    // Keep the committed record queued until the journal is full.
    await h.sync.stop();
    h.journal.record({ txnId: 'committed-1', kind: 'id-reissue', state: 'completed', data: { step: 'paid' } }, Date.now(), [
      { txnId: 'committed-1', kind: 'id-reissue', occurredAt: new Date().toISOString(), payload: { outcome: 'delivered' } },
    ]);
    h.store.db.pragma(`max_page_count = ${h.store.db.pragma('page_count', { simple: true }) as number}`);
    expect(() =>
      h.journal.record({ txnId: 'too-big', kind: 'id-reissue', state: 'identity-read', data: { photo: 'x'.repeat(64 * 1024) } }, Date.now()),
    ).toThrow(expect.objectContaining({ condition: 'full' }));

    expect((await kiosk(h)).services.every((s) => !s.available)).toBe(true);
    expect(await call(h, 'startService', { service: 'id-reissue' })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'services.kioskOutOfService' },
    });
    await h.heartbeat.beatOnce();
    expect(h.central!.store.lastHeartbeat(KIOSK)).toMatchObject({ devices: { storage: { status: 'hardware-error', condition: 'full' } } });

    h.sync.start();
    await expect.poll(() => h.central!.store.records(KIOSK).map((r) => r.txnId)).toContain('committed-1');
    expect(h.journal.get('too-big')).toBeUndefined();
  });

  it('quarantines a corrupt and a wrong-key record while the sync worker delivers the rest', async () => {
    const h = await start(mkdtempSync(join(tmpdir(), 'quarantine-')));
    await h.sync.stop();
    for (const id of ['q1', 'q2', 'q3', 'q4']) {
      h.journal.record({ txnId: id, kind: 'id-reissue', state: 'completed', data: {} }, Date.now(), [
        { txnId: id, kind: 'id-reissue', occurredAt: new Date().toISOString(), payload: { id } },
      ]);
    }
    const seqOf = (txnId: string) => (h.store.db.prepare('SELECT seq FROM outbox WHERE txn_id = ?').get(txnId) as { seq: number }).seq;
    const damaged = (h.store.db.prepare('SELECT payload_sealed FROM outbox WHERE txn_id = ?').get('q2') as { payload_sealed: Buffer }).payload_sealed;
    damaged[damaged.length - 1]! ^= 0x01;
    h.store.db.prepare('UPDATE outbox SET payload_sealed = ? WHERE txn_id = ?').run(damaged, 'q2');
    const foreign = createSealer(randomBytes(32)).sealJson({ id: 'q3' }, `outbox:${seqOf('q3')}`);
    h.store.db.prepare('UPDATE outbox SET payload_sealed = ? WHERE txn_id = ?').run(foreign, 'q3');

    h.sync.start();
    await expect.poll(() => h.central!.store.records(KIOSK).map((r) => r.txnId).sort()).toEqual(['q1', 'q4']);
    await expect.poll(() => h.journal.outbox.stats(Date.now())).toMatchObject({ pending: 0, quarantined: 2 });
    await h.heartbeat.beatOnce();
    expect(h.central!.store.lastHeartbeat(KIOSK)).toMatchObject({ queue: { pending: 0, quarantined: 2 } });
  });
});
