import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';
import { createRig, type Rig, until } from './rig';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

describe('certificate unit: partial frames', () => {
  it('works when every byte arrives on its own', async () => {
    rig = createRig({ pipe: { maxChunk: 1 } });
    const take = rig.driver.takePermit({ timeoutMs: 2000 });
    await until(() => rig.sim.state.entryEnabled);
    rig.sim.insertCard(TEST_PERMITS[0]!);
    expect(await take).toEqual({ ok: true });
    const read = await rig.driver.readPermit();
    expect(read.ok && read.permit.nameZh).toBe('测试甲');
  });

  it('times out on a reply cut in half, then recovers with a fresh INIT', async () => {
    rig = createRig({ pipe: { maxChunk: 1 } });
    expect((await rig.driver.getStatus()).status).toBe('online');
    rig.sim.cutNextReply();
    const started = performance.now();
    const cut = await rig.driver.retainCount();
    expect(cut).toMatchObject({ ok: false, reason: 'no-reply' });
    expect(performance.now() - started).toBeLessThan(1500);

    const logBefore = rig.sim.commandLog.length;
    expect(await rig.driver.retainCount()).toEqual({ ok: true, retainCount: 0 });
    expect(rig.sim.commandLog.slice(logBefore)).toEqual([
      { cm: 0x30, pm: 0x33 },
      { cm: 0xa5, pm: 0x30 },
    ]);
  });
});
