import { afterEach, describe, expect, it } from 'vitest';
import { decodeFrame, encodeCommand } from '../../../drivers/certificate-unit/codec';
import { FrameScanner } from '../../../drivers/certificate-unit/frame-scanner';
import { createInProcessPipePair } from '../../../drivers/transport/in-process-pipe';
import { CertificateUnitSimulator, ZERO_TIMING } from '../../../simulators/certificate-unit/simulator';
import { createRig, type Rig, until } from './rig';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('certificate unit: INIT first', () => {
  it('the simulator answers B0 to anything but INIT after power-on', async () => {
    const sim = new CertificateUnitSimulator({ timing: ZERO_TIMING });
    const pair = createInProcessPipePair('b0');
    sim.attach(pair.device);
    const received: number[] = [];
    pair.host.onData((chunk) => received.push(...chunk));
    await pair.host.write(encodeCommand(0, 0x31, 0x30));
    await until(() => received.length >= 11);
    const failure = [0xf2, 0x00, 0x00, 0x05, 0x4e, 0x31, 0x30, 0x42, 0x30, 0x03];
    expect(received).toEqual([0x06, ...failure, failure.reduce((a, b) => a ^ b, 0)]);
    const decoded = new FrameScanner().push(Uint8Array.from(received.slice(1)));
    expect(decoded[0]?.kind === 'frame' && decoded[0].frame).toMatchObject({ kind: 'failure', code: 'B0' });
    expect(decodeFrame(Uint8Array.from(received.slice(1))).ok).toBe(true);
    await pair.host.write(Uint8Array.of(0x06));
    await sim.close();
  });

  it('the driver INITs first after connecting', async () => {
    rig = createRig();
    await rig.driver.retainCount();
    expect(rig.sim.commandLog).toEqual([
      { cm: 0x30, pm: 0x33 },
      { cm: 0xa5, pm: 0x30 },
    ]);
  });

  it('on B0 the driver INITs once and retries the command', async () => {
    rig = createRig({ sim: { retainCount: 4 } });
    expect((await rig.driver.getStatus()).status).toBe('online');
    rig.sim.powerCycle();
    expect(rig.sim.state.initialised).toBe(false);
    const before = rig.sim.commandLog.length;
    expect(await rig.driver.retainCount()).toEqual({ ok: true, retainCount: 4 });
    expect(rig.sim.commandLog.slice(before)).toEqual([
      { cm: 0xa5, pm: 0x30 },
      { cm: 0x30, pm: 0x33 },
      { cm: 0xa5, pm: 0x30 },
    ]);
    expect(rig.sim.state.initialised).toBe(true);
  });
});
