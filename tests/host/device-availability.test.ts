import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import type { KioskView } from '../../main/api/contract';
import { type Host, startHost } from '../../main/host/host';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
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

// The endorsement needs the ID reader (the ID reissue does not: its number is typed).
const readerService = (view: KioskView) => view.services.find((s) => s.id === 'hk-macau-endorsement');

describe('services follow the devices they need', () => {
  it('offers the endorsement once the reader answers, hides it while the reader is silent, and offers it again after repair', async () => {
    // Probes run on a manual clock: each one happens when the test moves time, not by luck.
    const clock = new ManualClock(Date.now());
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'availability-')),
      config: simulatorConfig({ devices: { idReader: { transport: 'simulator', card: 'none' }, probeIntervalS: 15 } }),
      log: pino({ level: 'silent' }),
      clock,
      // No screen here: the endorsement's camera is the simulated one, always there.
      camera: new SimulatedCamera(0),
    });
    const events: KioskView[] = [];
    host.api.onEvent((event, payload) => {
      if (event === 'kiosk') events.push(payload as KioskView);
    });
    expect(readerService(await kiosk(host))).toEqual({ id: 'hk-macau-endorsement', available: true, reasonKey: null });

    host.simulators.idReader!.injectFault({ kind: 'silence' });
    // Until the next probe the kiosk cannot know.
    await clock.advanceAsync(14_999);
    expect(readerService(await kiosk(host))?.available).toBe(true);
    await clock.advanceAsync(1);
    await expect.poll(async () => readerService(await kiosk(host!))?.available).toBe(false);
    expect(readerService(await kiosk(host))?.reasonKey).toBe('services.deviceOutOfService');
    expect(events.some((view) => readerService(view)?.available === false)).toBe(true);

    host.simulators.idReader!.injectFault({ kind: 'none' });
    await clock.advanceAsync(15_000);
    await expect.poll(async () => readerService(await kiosk(host!))?.available).toBe(true);
  });
});
