import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../../kiosk-config/schema';
import type { KioskView } from '../../../main/api/contract';
import { type Host, startHost } from '../../../main/host/host';
import { CentralClient } from '../../../main/host/sync/central-client';
import { Heartbeat } from '../../../main/host/sync/heartbeat';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

async function start(): Promise<Host> {
  host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'heartbeat-')),
    // The timer would send too; the tests beat by hand, so make it rare.
    config: simulatorConfig({ sync: { heartbeatIntervalS: 3600 } }),
    log: pino({ level: 'silent' }),
  });
  return host;
}

describe('heartbeat', () => {
  it('tells central the devices and the outbox, and central stores it', async () => {
    const h = await start();
    await expect.poll(() => h.central!.store.heartbeatCount('GD-GZ-0001')).toBeGreaterThanOrEqual(1);
    const before = h.central!.store.heartbeatCount('GD-GZ-0001');
    expect(await h.heartbeat.beatOnce()).toEqual({ kind: 'sent', commands: 0 });
    expect(h.central!.store.heartbeatCount('GD-GZ-0001')).toBe(before + 1);
  });

  it('takes the kiosk out of service and back when central says so, once per command', async () => {
    const h = await start();
    // The first heartbeat goes out at start; queue commands only after it.
    await expect.poll(() => h.central!.store.heartbeatCount('GD-GZ-0001')).toBeGreaterThanOrEqual(1);
    const views: KioskView[] = [];
    h.api.onEvent((event, payload) => {
      if (event === 'kiosk') views.push(payload as KioskView);
    });
    h.central!.queueCommand('GD-GZ-0001', { id: 'c1', type: 'out-of-service' });
    expect(await h.heartbeat.beatOnce()).toEqual({ kind: 'sent', commands: 1 });
    expect(views.at(-1)).toMatchObject({ outOfService: true });
    expect(views.at(-1)!.services.every((s) => !s.available && s.reasonKey === 'services.kioskOutOfService')).toBe(true);

    h.central!.queueCommand('GD-GZ-0001', { id: 'c1', type: 'out-of-service' });
    h.central!.queueCommand('GD-GZ-0001', { id: 'c2', type: 'in-service' });
    expect(await h.heartbeat.beatOnce()).toEqual({ kind: 'sent', commands: 1 });
    expect(views.at(-1)).toMatchObject({ outOfService: false });
  });

  it('ignores unknown commands and survives a central that answers nonsense', async () => {
    const h = await start();
    await expect.poll(() => h.central!.store.heartbeatCount('GD-GZ-0001')).toBeGreaterThanOrEqual(1);
    h.central!.queueCommand('GD-GZ-0001', { id: 'x', type: 'format-disk' });
    expect(await h.heartbeat.beatOnce()).toEqual({ kind: 'sent', commands: 0 });
    const lying = new Heartbeat({
      client: new CentralClient({ baseUrl: 'http://127.0.0.1:9', kioskId: 'GD-GZ-0001', secret: 'AAAA', fetch: async () => new Response('{"commands": 5}') }),
      log: pino({ level: 'silent' }),
      softwareVersion: 'test',
      intervalMs: 1000,
      devices: () => ({}),
      queue: () => ({ pending: 0, oldestPendingAgeS: 0, deadLetters: 0, quarantined: 0 }),
      onCommand: () => {
        throw new Error('must not be called');
      },
    });
    expect(await lying.beatOnce()).toEqual({ kind: 'failed', reason: 'bad reply' });
  });
});
