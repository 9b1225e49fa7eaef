import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import type { KioskView } from '../../main/api/contract';
import { type Host, startHost } from '../../main/host/host';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

async function kiosk(h: Host): Promise<KioskView> {
  const reply = await h.api.handle({ kind: 'request', id: 1, command: 'getKiosk', args: {} });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.result as KioskView;
}

const idReissue = (view: KioskView) => view.services.find((s) => s.id === 'id-reissue');

describe('services follow the devices they need', () => {
  it('offers ID reissue once the reader answers, hides it while the reader is silent, and offers it again after repair', async () => {
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'availability-')),
      config: simulatorConfig({ devices: { idReader: { transport: 'simulator', card: 'none' }, probeIntervalS: 1 } }),
      log: pino({ level: 'silent' }),
    });
    const events: KioskView[] = [];
    host.api.onEvent((event, payload) => {
      if (event === 'kiosk') events.push(payload as KioskView);
    });
    expect(idReissue(await kiosk(host))).toEqual({ id: 'id-reissue', available: true, reasonKey: null });

    host.simulators.idReader!.injectFault({ kind: 'silence' });
    await expect.poll(async () => idReissue(await kiosk(host!))?.available, { timeout: 5000 }).toBe(false);
    expect(idReissue(await kiosk(host))?.reasonKey).toBe('services.deviceOutOfService');
    expect(events.some((view) => idReissue(view)?.available === false)).toBe(true);

    host.simulators.idReader!.injectFault({ kind: 'none' });
    await expect.poll(async () => idReissue(await kiosk(host!))?.available, { timeout: 5000 }).toBe(true);
  });
});
