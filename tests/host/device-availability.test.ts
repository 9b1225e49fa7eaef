import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import type { KioskView } from '../../main/api/contract';
import { type Host, startHost } from '../../main/host/host';
import { ManualClock } from '../support/manual-clock';

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
    // Probes run on a manual clock: each one happens when the test moves time, not by luck.
    const clock = new ManualClock(Date.now());
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'availability-')),
      config: simulatorConfig({ devices: { idReader: { transport: 'simulator', card: 'none' }, probeIntervalS: 15 } }),
      log: pino({ level: 'silent' }),
      clock,
    });
    const events: KioskView[] = [];
    host.api.onEvent((event, payload) => {
      if (event === 'kiosk') events.push(payload as KioskView);
    });
    expect(idReissue(await kiosk(host))).toEqual({ id: 'id-reissue', available: true, reasonKey: null });

    host.simulators.idReader!.injectFault({ kind: 'silence' });
    // Until the next probe the kiosk cannot know.
    await clock.advanceAsync(14_999);
    expect(idReissue(await kiosk(host))?.available).toBe(true);
    await clock.advanceAsync(1);
    await expect.poll(async () => idReissue(await kiosk(host!))?.available).toBe(false);
    expect(idReissue(await kiosk(host))?.reasonKey).toBe('services.deviceOutOfService');
    expect(events.some((view) => idReissue(view)?.available === false)).toBe(true);

    host.simulators.idReader!.injectFault({ kind: 'none' });
    await clock.advanceAsync(15_000);
    await expect.poll(async () => idReissue(await kiosk(host!))?.available).toBe(true);
  });
});
