import { afterEach, describe, expect, it } from 'vitest';
import { CertificateUnitDriver } from '../../../drivers/certificate-unit/driver';
import type { CertificateUnitStatus } from '../../../drivers/certificate-unit/types';
import { createRig, type Rig, until } from './rig';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

describe('certificate unit: unplugged', () => {
  it('goes offline with an event, then reconnects through the opener and re-INITs', async () => {
    rig = createRig({ sim: { retainCount: 5 } });
    expect((await rig.driver.getStatus()).status).toBe('online');
    expect(rig.pairs).toHaveLength(1);
    const events: CertificateUnitStatus[] = [];
    rig.driver.onStatusChange((s) => events.push(s));

    rig.sim.disconnect();
    await until(() => events.length > 0);
    expect(events.at(-1)).toMatchObject({ status: 'offline', reason: 'offline' });
    expect(rig.driver.status.status).toBe('offline');
    expect(rig.pairs[0]!.host.isOpen).toBe(false);

    const before = rig.sim.commandLog.length;
    expect(await rig.driver.retainCount()).toEqual({ ok: true, retainCount: 5 });
    expect(rig.pairs).toHaveLength(2);
    expect(rig.sim.commandLog.slice(before)).toEqual([
      { cm: 0x30, pm: 0x33 },
      { cm: 0xa5, pm: 0x30 },
    ]);
    expect(events.at(-1)?.status).toBe('online');
  });

  it('reports offline when the port cannot be reopened, and never throws from getStatus', async () => {
    rig = createRig();
    expect((await rig.driver.getStatus()).status).toBe('online');
    rig.sim.disconnect();
    let opens = 0;
    const failing = new CertificateUnitDriver(async () => {
      opens++;
      throw new Error('ENOENT /dev/ttyUSB9');
    });
    expect(await failing.getStatus()).toMatchObject({ status: 'offline' });
    expect(await failing.readPermit()).toMatchObject({ ok: false, reason: 'offline', message: 'unit does not answer: ENOENT /dev/ttyUSB9' });
    expect(opens).toBe(2);
  });
});
