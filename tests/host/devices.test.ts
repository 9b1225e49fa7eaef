import { describe, expect, it } from 'vitest';
import { createDevices } from '../../main/host/devices';

describe('devices from configuration', () => {
  it('builds a simulated reader whose card the simulator controls', async () => {
    const { devices, simulators } = createDevices({ idReader: { transport: 'simulator', card: 'none' } });
    expect((await devices.idReader.findCard())).toEqual({ ok: true, value: false });
    simulators.idReader!.placeCard('hk-macau-taiwan');
    const read = await devices.idReader.readCard();
    expect(read.ok && read.value.cardType).toBe('hk-macau-taiwan-permit');
    await devices.idReader.close();
  });

  it.each([
    { transport: 'serial', path: '/dev/tongban-no-such-port', baudRate: 115200 },
    { transport: 'hid', path: '/dev/tongban-no-such-hidraw' },
  ] as const)('reports a missing $transport reader as offline instead of failing the start', async (reader) => {
    const { devices, simulators } = createDevices({ idReader: reader });
    expect(simulators.idReader).toBeUndefined();
    const status = await devices.idReader.getStatus();
    expect(status.status).toBe('offline');
    expect(status.detail).toContain('no-such');
    await devices.idReader.close();
  });
});
