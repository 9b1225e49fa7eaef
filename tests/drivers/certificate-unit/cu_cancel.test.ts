import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';
import { createRig, type Rig, until } from './rig';

const EOT = 0x04;
let rig: Rig;
afterEach(async () => {
  await rig.close();
});

describe('certificate unit: cancel', () => {
  it('an abort while waiting for a permit closes the entry and says cancelled', async () => {
    rig = createRig();
    const controller = new AbortController();
    const take = rig.driver.takePermit({ timeoutMs: 5000, signal: controller.signal });
    await until(() => rig.sim.state.entryEnabled);
    controller.abort();
    expect(await take).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(rig.sim.state.entryEnabled).toBe(false);
    expect(rig.driver.status).toMatchObject({ status: 'online', media: 'none' });
  });

  it('an abort during a slow move sends EOT and the unit does not move the card', async () => {
    const controller = new AbortController();
    rig = createRig({ driver: { timeouts: { moveReplyMs: 5000 } } });
    await rig.driver.getStatus();
    const takeIt = rig.driver.takePermit({ timeoutMs: 2000 });
    await until(() => rig.sim.state.entryEnabled);
    rig.sim.insertCard(TEST_PERMITS[0]!);
    expect((await takeIt).ok).toBe(true);

    rig.sim.setReplyDelay(3000);
    const started = performance.now();
    const eject = rig.driver.ejectAndWaitForTaken({ signal: controller.signal });
    await until(() => rig.sim.commandLog.some((c) => c.cm === 0x32 && c.pm === 0x39));
    controller.abort();
    expect(await eject).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(1500);
    await until(() => rig.hostWrote.includes(EOT));
    expect(rig.hostWrote.at(-1)).toBe(EOT);
    // The eject never completed, so the card is still inside.
    expect(rig.sim.state.location).toBe('rf');
  });
});
