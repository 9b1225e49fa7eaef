import { afterEach, describe, expect, it } from 'vitest';
import type { MediaEvent } from '../../../drivers/certificate-unit/types';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';
import { createRig, type Rig, until } from './rig';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

describe('certificate unit: card not taken', () => {
  it('captures a card left in the gate and says retained', async () => {
    rig = createRig({ sim: { retainCount: 2 } });
    const take = rig.driver.takePermit({ timeoutMs: 2000 });
    await until(() => rig.sim.state.entryEnabled);
    rig.sim.insertCard(TEST_PERMITS[0]!);
    expect((await take).ok).toBe(true);
    const media: MediaEvent[] = [];
    rig.driver.onMedia((e) => media.push(e));

    const started = performance.now();
    const result = await rig.driver.ejectAndWaitForTaken({ takeTimeoutMs: 60 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(result).toEqual({ ok: true, outcome: 'retained', retainCount: 3 });
    expect(media).toEqual([{ type: 'MediaRetained', retainCount: 3 }]);
    expect(rig.sim.state.retainCount).toBe(3);
    expect(rig.sim.state.retained.map((c) => c.kind === 'permit' && c.permit.permitNumber)).toEqual(['CT0000001']);
    expect(rig.sim.state.location).toBe('none');
    expect(rig.driver.status).toMatchObject({ card: 'none', media: 'retained' });
    expect(await rig.driver.retainCount()).toEqual({ ok: true, retainCount: 3 });
    // The eject (32 39) came first, then polling, then capture (32 33).
    const log = rig.sim.commandLog.map((c) => c.cm.toString(16) + c.pm.toString(16));
    expect(log.indexOf('3239')).toBeLessThan(log.indexOf('3233'));
  });

  it('reports taken when the citizen takes the card in time', async () => {
    rig = createRig();
    const take = rig.driver.takePermit({ timeoutMs: 2000 });
    await until(() => rig.sim.state.entryEnabled);
    rig.sim.insertCard(TEST_PERMITS[1]!);
    expect((await take).ok).toBe(true);
    const eject = rig.driver.ejectAndWaitForTaken({ takeTimeoutMs: 2000 });
    await until(() => rig.sim.state.location === 'gate');
    expect(rig.driver.status.status).toBe('busy');
    rig.sim.takeCardFromGate();
    expect(await eject).toEqual({ ok: true, outcome: 'taken' });
    expect(rig.sim.state.retainCount).toBe(0);
    expect(rig.sim.state.taken).toHaveLength(1);
  });
});
