import { describe, expect, it } from 'vitest';
import { KioskConfig } from '../../kiosk-config/schema';
import { closeDevices, createDevices, deviceReport } from '../../main/host/devices';

/** The device section of a configuration, with defaults (simulators) for what is not named. */
const devicesConfig = (devices: Record<string, unknown>) => KioskConfig.parse({ mode: 'simulator', devices }).devices;

describe('devices from configuration', () => {
  it('builds a simulated reader whose card the simulator controls', async () => {
    const { devices, simulators } = createDevices(devicesConfig({ idReader: { transport: 'simulator', card: 'none' } }));
    expect((await devices.idReader.findCard())).toEqual({ ok: true, value: false });
    simulators.idReader!.placeCard('hk-macau-taiwan');
    const read = await devices.idReader.readCard();
    expect(read.ok && read.value.cardType).toBe('hk-macau-taiwan-permit');
    await closeDevices(devices);
  });

  it.each([
    { transport: 'serial', path: '/dev/tongban-no-such-port', baudRate: 115200 },
    { transport: 'hid', path: '/dev/tongban-no-such-hidraw' },
  ])('reports a missing $transport reader as offline instead of failing the start', async (reader) => {
    const { devices, simulators } = createDevices(devicesConfig({ idReader: reader }));
    expect(simulators.idReader).toBeUndefined();
    const status = await devices.idReader.getStatus();
    expect(status.status).toBe('offline');
    expect(status.detail).toContain('no-such');
    await closeDevices(devices);
  });
});

describe('printer and certificate unit from configuration', () => {
  it('runs both on simulators by default, and their statuses come from the simulated bytes', async () => {
    const { devices, simulators } = createDevices(devicesConfig({}));
    expect(await devices.printer.getStatus()).toMatchObject({ status: 'online', paper: 'ok', coverOpen: false });
    simulators.printer!.setPaper('near-end');
    expect(await devices.printer.getStatus()).toMatchObject({ paper: 'near-end' });
    expect(await devices.certificateUnit.getStatus()).toMatchObject({ status: 'online', card: 'none', retainBin: 'ok' });
    await closeDevices(devices);
  });

  it('reports serial devices on missing ports as offline', async () => {
    const { devices } = createDevices(
      devicesConfig({
        printer: { transport: 'serial', path: '/dev/tongban-no-printer' },
        certificateUnit: { transport: 'serial', path: '/dev/tongban-no-unit', addr: 3 },
      }),
    );
    expect((await devices.printer.getStatus()).status).toBe('offline');
    expect((await devices.certificateUnit.getStatus()).status).toBe('offline');
    await closeDevices(devices);
  });
});

describe('device report for the heartbeat', () => {
  it('reports every device in the common status vocabulary, with what went wrong and what it lacks', async () => {
    const { devices, simulators } = createDevices(devicesConfig({}));
    // Nothing asked yet: the report says so instead of guessing.
    expect(deviceReport(devices).idReader).toEqual({ status: 'offline', detail: 'not connected yet', card: 'unknown' });
    simulators.printer!.setPaper('out');
    await Promise.all([devices.idReader.getStatus(), devices.printer.getStatus(), devices.certificateUnit.getStatus()]);
    expect(deviceReport(devices)).toEqual({
      idReader: { status: 'online', detail: null, card: 'unknown' },
      printer: { status: 'user-error', detail: 'paper out', paper: 'out', coverOpen: false },
      certificateUnit: { status: 'online', detail: null, retainBin: 'ok', stock: 'ok' },
    });
    await closeDevices(devices);
  });
});
