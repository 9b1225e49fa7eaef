import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import type { KioskView } from '../../main/api/contract';
import { createDevices } from '../../main/host/devices';
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

const service = (view: KioskView, id: string) => view.services.find((s) => s.id === id);
const hostOptions = () => ({
  dataDir: mkdtempSync(join(tmpdir(), 'startup-order-')),
  log: pino({ level: 'silent' }),
  // No screen here: the camera is the simulated one, always there.
  camera: new SimulatedCamera(0),
});

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

/**
 * Issue 12's cold start: the kiosk runtime serves the screen before the devices first answer
 * (probeDevicesInBackground). Fail-closed meanwhile: a device that has not answered counts as
 * offline, so nothing that needs it is offered; the `kiosk` event offers it when it answers, and
 * sync, heartbeat and maintenance start only after that first probe.
 */
describe('start-up order', () => {
  it('serves before the certificate unit first answers (its INIT), offering the endorsement only once it has', async () => {
    // Simulator mode's certificate unit takes the hardware's times: its first contact, an INIT, about 0.8 s.
    host = await startHost({ ...hostOptions(), config: simulatorConfig({}), probeDevicesInBackground: true });
    const events: KioskView[] = [];
    host.api.onEvent((event, payload) => {
      if (event === 'kiosk') events.push(payload as KioskView);
    });
    const first = await kiosk(host);
    expect(host.devices.certificateUnit.status.status).toBe('offline');
    // Not answered yet: the screen says it is getting ready, not that the device is under maintenance.
    expect(service(first, 'hk-macau-endorsement')).toEqual({ id: 'hk-macau-endorsement', available: false, reasonKey: 'services.startingUp' });
    expect(service(first, 'certificate-pickup')?.available).toBe(false);
    // Needs no device: offered at once.
    expect(service(first, 'progress-query')?.available).toBe(true);
    const central = host.central!;
    expect(central.store.heartbeatCount(host.config.kioskId)).toBe(0);

    await host.running;
    expect(host.devices.certificateUnit.status.status).toBe('online');
    expect(service(await kiosk(host), 'hk-macau-endorsement')?.available).toBe(true);
    expect(events.some((view) => service(view, 'hk-macau-endorsement')?.available === true)).toBe(true);
    // The heartbeat started after the first probe: central's first one has the unit as it answered.
    await expect.poll(() => central.store.heartbeatCount(host!.config.kioskId), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(central.store.lastHeartbeat(host.config.kioskId)).toMatchObject({ devices: { certificateUnit: { status: 'online' } } });
  }, 20_000);

  it('a device silent at start stays unoffered and the host serves anyway', async () => {
    const config = simulatorConfig({});
    const built = createDevices(config.devices);
    built.simulators.idReader!.injectFault({ kind: 'silence' });
    host = await startHost({ ...hostOptions(), config, devices: built.devices, probeDevicesInBackground: true });
    let probed = false;
    void host.running.then(() => (probed = true));
    await Promise.resolve();
    // Served while the probe still waits out the reader's find timeout (0.5 s).
    expect(probed).toBe(false);
    expect(service(await kiosk(host), 'progress-query')?.available).toBe(true);
    expect(service(await kiosk(host), 'hk-macau-endorsement')?.reasonKey).toBe('services.startingUp');
    await host.running;
    expect(host.devices.idReader.status.status).not.toBe('online');
    expect(service(await kiosk(host), 'hk-macau-endorsement')?.reasonKey).toBe('services.deviceOutOfService');
  }, 20_000);

  it('without the option (tests, tools), startHost returns once the devices have answered', async () => {
    host = await startHost({ ...hostOptions(), config: simulatorConfig({}) });
    expect(host.devices.certificateUnit.status.status).toBe('online');
    expect(service(await kiosk(host), 'hk-macau-endorsement')?.available).toBe(true);
  }, 20_000);
});
