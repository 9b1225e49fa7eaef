/**
 * Out of service has three reasons, each on its own: field staff took the kiosk out, central took
 * it out, and devices a service needs are unhealthy. Citizens are served only when none holds;
 * each holder lifts only its own reason, and staff put the kiosk back only with healthy devices.
 * Every combination in the real host, with central's commands through the heartbeat.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../main/host/host';
import { KioskState } from '../../../main/host/operation/kiosk-state';
import { act, centralRecords, delivered, enter, KIOSK, kiosk, lift, type Open, start, stopHost, stopHosts } from './maintenance-harness';

afterEach(stopHosts);

let commandNo = 0;
/** Central sends `type` with the next heartbeat; the kiosk carries it out. */
async function central(h: Host, type: 'out-of-service' | 'in-service'): Promise<void> {
  await expect.poll(() => h.central!.store.heartbeatCount(KIOSK), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  h.central!.queueCommand(KIOSK, { id: `cmd-${++commandNo}`, type });
  // This beat carries it, unless the beat a just-started host sends has taken it already.
  await h.heartbeat.beatOnce();
  expect(new KioskState(h.store.db).heldOutBy('central')).toBe(type === 'out-of-service');
}

/** What the attract screen gets once maintenance is closed. */
async function citizensSee(h: Host): Promise<{ outOfService: boolean; progressQuery: string | null; endorsement: string | null }> {
  const view = await kiosk(h);
  const reason = (id: string) => {
    const service = view.services.find((s) => s.id === id)!;
    return service.available ? null : service.reasonKey;
  };
  return { outOfService: view.outOfService, progressQuery: reason('progress-query'), endorsement: reason('hk-macau-endorsement') };
}
const SERVING = { outOfService: false, progressQuery: null, endorsement: null };
const HELD_OUT = { outOfService: true, progressQuery: 'services.kioskOutOfService', endorsement: 'services.kioskOutOfService' };

/** Closes maintenance and takes the staff card off the reader, as staff leave. */
async function leave(h: Host): Promise<void> {
  await act(h, { action: 'close' });
  await lift(h);
}

const service = async (h: Host) => ((await act(h, { action: 'refresh' })) as Open).service;

describe('out of service: staff, central and devices', () => {
  it("staff's hold is not lifted by central's in-service; staff's back-in lifts it", async () => {
    const h = await start();
    await enter(h);
    await act(h, { action: 'out-of-service' });
    await leave(h);
    await central(h, 'in-service');
    expect(await citizensSee(h)).toEqual(HELD_OUT);
    // Central hears that its command was carried out, and that staff still hold the kiosk out.
    expect(await delivered(h, 'command-result')).toMatchObject({ type: 'in-service', outcome: 'done', detail: 'field staff still hold the kiosk out of service' });

    await enter(h);
    expect(await service(h)).toMatchObject({ outOfService: true, byStaff: true, byCentral: false });
    expect(await act(h, { action: 'in-service' })).toMatchObject({ messageKey: 'maintenance.service.backIn', service: { outOfService: false, byStaff: false } });
    await leave(h);
    expect(await citizensSee(h)).toEqual(SERVING);
  });

  it("central's hold is not lifted by staff's back-in (said on the screen); central's in-service lifts it", async () => {
    const h = await start();
    await central(h, 'out-of-service');
    expect(await citizensSee(h)).toEqual(HELD_OUT);
    await enter(h);
    expect(await service(h)).toMatchObject({ outOfService: true, byStaff: false, byCentral: true, problems: [] });
    expect(await act(h, { action: 'in-service' })).toMatchObject({
      messageKey: 'maintenance.service.centralHoldsOut',
      messageTone: 'problem',
      service: { outOfService: true, byStaff: false, byCentral: true },
    });
    await leave(h);
    expect(await citizensSee(h)).toEqual(HELD_OUT);
    await central(h, 'in-service');
    expect(await citizensSee(h)).toEqual(SERVING);
    h.sync.kick();
    await expect.poll(() => centralRecords(h).filter((r) => r.kind === 'command-result').map((r) => r.payload), { timeout: 10_000 }).toEqual([
      { commandId: expect.any(String), type: 'out-of-service', outcome: 'done' },
      { commandId: expect.any(String), type: 'in-service', outcome: 'done' },
    ]);
  });

  it('both hold it out: it serves only once both have lifted theirs, in either order, and a restart keeps each', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'service-holds-'));
    let h = await start({ dataDir });
    await central(h, 'out-of-service');
    await enter(h);
    await act(h, { action: 'out-of-service' });
    await leave(h);

    await stopHost(h);
    h = await start({ dataDir });
    expect(await citizensSee(h)).toEqual(HELD_OUT);
    await central(h, 'in-service');
    expect(await citizensSee(h)).toEqual(HELD_OUT);
    await central(h, 'out-of-service');
    await enter(h);
    expect(await service(h)).toMatchObject({ byStaff: true, byCentral: true });
    expect(await act(h, { action: 'in-service' })).toMatchObject({ messageKey: 'maintenance.service.centralHoldsOut', service: { byStaff: false, byCentral: true } });
    await leave(h);
    expect(await citizensSee(h)).toEqual(HELD_OUT);
    await central(h, 'in-service');
    expect(await citizensSee(h)).toEqual(SERVING);
  });

  it("unhealthy devices: staff cannot put it back; central's in-service lifts central's hold, yet the services needing the device stay withdrawn", async () => {
    const h = await start();
    await central(h, 'out-of-service');
    await enter(h);
    await act(h, { action: 'out-of-service' });
    h.simulators.certificateUnit!.setSilent(true);
    expect(await act(h, { action: 'in-service' })).toMatchObject({ messageKey: 'maintenance.service.notHealthy', service: { byStaff: true, byCentral: true } });
    expect((await service(h)).problems).toContain('maintenance.problem.certificateUnit');
    await leave(h);

    await central(h, 'in-service');
    expect(await citizensSee(h)).toEqual(HELD_OUT);
    await enter(h);
    expect(await act(h, { action: 'in-service' })).toMatchObject({ messageKey: 'maintenance.service.notHealthy', service: { byStaff: true, byCentral: false } });
    h.simulators.certificateUnit!.setSilent(false);
    expect(await act(h, { action: 'in-service' })).toMatchObject({ messageKey: 'maintenance.service.backIn', service: { outOfService: false, problems: [] } });
    await leave(h);
    expect(await citizensSee(h)).toEqual(SERVING);

    // With no hold at all, a device that fails withdraws only the services that need it.
    h.simulators.certificateUnit!.setSilent(true);
    await h.devices.certificateUnit.getStatus();
    expect(await citizensSee(h)).toEqual({ outOfService: false, progressQuery: null, endorsement: 'services.deviceOutOfService' });
  });
});
