import { afterEach, describe, expect, it } from 'vitest';
import type { MediaEvent } from '../../../drivers/certificate-unit/types';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';
import { createRig, type Rig, until } from './rig';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

describe('certificate unit flows', () => {
  it('takes, reads, endorses, prints and hands back a permit', async () => {
    rig = createRig();
    const { sim, driver } = rig;
    const media: MediaEvent[] = [];
    driver.onMedia((event) => media.push(event));

    const take = driver.takePermit({ timeoutMs: 2000 });
    await until(() => sim.state.entryEnabled && driver.status.media === 'entering');
    expect(sim.insertCard(TEST_PERMITS[0]!)).toBe(true);
    expect(await take).toEqual({ ok: true });
    expect(sim.state.location).toBe('rf');
    expect(sim.state.entryEnabled).toBe(false);
    expect(driver.status).toMatchObject({ status: 'online', card: 'inside', media: 'present' });

    const read = await driver.readPermit();
    expect(read).toEqual({
      ok: true,
      uid: '047E5700000001',
      permit: {
        permitNumber: 'CT0000001',
        nameZh: '测试甲',
        namePinyin: 'CESHI JIA',
        birthDate: '1990-01-01',
        sex: 'male',
        validTo: '2030-12-31',
        endorsements: [{ code: 'G', validity: '1Y', entriesLeft: 2, validTo: '2027-11-30' }],
      },
    });

    const write = await driver.writeEndorsement({ code: 'L', validity: '3M', entriesLeft: 1, validTo: '2026-09-30' });
    expect(write).toEqual({ ok: true });
    const card = sim.state.card;
    expect(card?.kind === 'permit' && card.permit.endorsements.map((e) => e.code)).toEqual(['G', 'L']);
    const reread = await driver.readPermit();
    expect(reread.ok && reread.permit.endorsements[1]).toEqual({
      code: 'L',
      validity: '3M',
      entriesLeft: 1,
      validTo: '2026-09-30',
    });

    const lines = ['签注 L 3M 1次', 'VALID TO 2026-09-30', '测试甲 CT0000001'];
    expect(await driver.printCardBack(lines)).toEqual({ ok: true });
    const printed = sim.state.card;
    expect(printed?.kind === 'permit' && printed.printedLines).toEqual(lines);
    expect(sim.state.location).toBe('holding');

    const eject = driver.ejectAndWaitForTaken({ takeTimeoutMs: 2000 });
    await until(() => sim.state.location === 'gate');
    expect(sim.takeCardFromGate()?.kind).toBe('permit');
    expect(await eject).toEqual({ ok: true, outcome: 'taken' });
    expect(media.map((e) => e.type)).toEqual(['MediaInserted', 'MediaTaken']);
    expect(driver.status).toMatchObject({ card: 'none', media: 'taken', status: 'online' });
  });

  it('moves the card back to RF to endorse it after printing, and refuses to pull in a card left in the gate', async () => {
    rig = createRig();
    const { sim, driver } = rig;
    const take = driver.takePermit({ timeoutMs: 2000 });
    await until(() => sim.state.entryEnabled);
    sim.insertCard(TEST_PERMITS[1]!);
    expect((await take).ok).toBe(true);
    expect(await driver.printCardBack(['TEST PRINT'])).toEqual({ ok: true });
    expect(sim.state.location).toBe('holding');
    const logBefore = sim.commandLog.length;
    const write = await driver.writeEndorsement({ code: 'G', validity: '1Y', entriesLeft: 3, validTo: '2028-01-31' });
    expect(write).toEqual({ ok: true });
    expect(sim.commandLog.slice(logBefore).map((c) => [c.cm, c.pm])).toEqual([
      [0x60, 0x30],
      [0x32, 0x32],
      [0x60, 0x30],
      [0x60, 0x36],
    ]);
    const card = sim.state.card;
    expect(card?.kind === 'permit' && card.permit.endorsements).toEqual([
      { code: 'G', validity: '1Y', entriesLeft: 3, validTo: '2028-01-31' },
    ]);

    // Eject and let nobody take it: the next takePermit must not swallow that card.
    const controller = new AbortController();
    const eject = driver.ejectAndWaitForTaken({ takeTimeoutMs: 5000, signal: controller.signal });
    await until(() => sim.state.location === 'gate');
    controller.abort();
    expect(await eject).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(sim.state.location).toBe('gate');
    const second = await driver.takePermit({ timeoutMs: 100 });
    expect(second).toMatchObject({ ok: false, reason: 'card-already-inside' });
    expect(sim.state.location).toBe('gate');
    expect(sim.state.entryEnabled).toBe(false);
  });

  it('rejects a print job that does not fit without sending it', async () => {
    rig = createRig();
    const before = rig.sim.commandLog.length;
    const result = await rig.driver.printCardBack(['x'.repeat(25)]);
    expect(result).toMatchObject({ ok: false, reason: 'invalid-request' });
    expect(rig.sim.commandLog.length).toBe(before);
    const tooMany = await rig.driver.printCardBack(['1', '2', '3', '4', '5', '6', '7']);
    expect(tooMany).toMatchObject({ ok: false, reason: 'invalid-request' });
  });

  it('reports no-card when reading with no card inside', async () => {
    rig = createRig();
    const read = await rig.driver.readPermit();
    expect(read).toMatchObject({ ok: false, reason: 'no-card', messageKey: 'devices.certificateUnit.noCard' });
  });

  it('dispenses a magazine slot to the gate and keeps the inventory', async () => {
    rig = createRig({ sim: { magazine: [undefined, ...Array.from({ length: 4 }, (_, i) => ({ serial: `S${i}`, kind: 'resident-id-card' as const, holderName: '测试' }))] } });
    const { sim, driver } = rig;
    const before = await driver.inventory();
    expect(before.ok && before.loaded).toEqual([2, 3, 4, 5]);
    expect(before.ok && before.empty).toEqual([1]);

    expect(await driver.dispense(3)).toEqual({ ok: true });
    expect(sim.state.location).toBe('gate');
    expect(sim.state.card).toMatchObject({ kind: 'certificate', slot: 3 });
    expect(driver.status).toMatchObject({ card: 'gate', media: 'in-gate', stock: 'low' });

    const media: string[] = [];
    driver.onMedia((e) => media.push(e.type));
    sim.takeCardFromGate();
    const status = await driver.getStatus();
    expect(status).toMatchObject({ card: 'none', media: 'taken' });
    expect(media).toEqual(['MediaTaken']);

    const after = await driver.inventory();
    expect(after.ok && after.loaded).toEqual([2, 4, 5]);
    expect(await driver.dispense(1)).toMatchObject({ ok: false, reason: 'slot-empty', errorCode: '80' });
    expect(await driver.dispense(0)).toMatchObject({ ok: false, reason: 'invalid-request' });
    expect(await driver.dispense(9)).toMatchObject({ ok: false, reason: 'parameter-error' });
  });

  it('reports a timeout when no permit is inserted, and closes the entry', async () => {
    rig = createRig();
    const result = await rig.driver.takePermit({ timeoutMs: 30 });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(rig.sim.state.entryEnabled).toBe(false);
    expect(rig.driver.status.media).toBe('none');
  });

  it('reads the retain counter and reports status fields', async () => {
    rig = createRig({ sim: { retainCount: 7 } });
    expect(await rig.driver.retainCount()).toEqual({ ok: true, retainCount: 7 });
    const status = await rig.driver.getStatus();
    expect(status).toEqual({
      status: 'online',
      card: 'none',
      stock: 'ok',
      retainBin: 'ok',
      media: 'none',
      firmware: 'CRT591-TB-SIM 1.0',
    });
  });
});
