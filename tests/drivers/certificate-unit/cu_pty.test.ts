import { afterEach, describe, expect, it } from 'vitest';
import { CertificateUnitDriver } from '../../../drivers/certificate-unit/driver';
import type { BytePipe } from '../../../drivers/transport/byte-pipe';
import { openSerialPipe } from '../../../drivers/transport/serial-port-pipe';
import { CertificateUnitSimulator, ZERO_TIMING } from '../../../simulators/certificate-unit/simulator';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';
import { type PtyPair, startPtyPair } from '../../../simulators/pty-pair';
import { FAST_TIMEOUTS, until } from './rig';

let pty: PtyPair | undefined;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await pty?.stop();
  pty = undefined;
});

describe('certificate unit over a real pty pair', () => {
  it('reads a permit from the simulator through socat', async () => {
    pty = await startPtyPair();
    const [devicePath, hostPath] = pty.paths;
    const devicePipe = await openSerialPipe({ path: devicePath });
    const sim = new CertificateUnitSimulator({ timing: ZERO_TIMING });
    sim.attach(devicePipe);
    cleanups.push(() => sim.close());

    const opened: BytePipe[] = [];
    const driver = new CertificateUnitDriver(
      async () => {
        const pipe = await openSerialPipe({ path: hostPath, baudRate: 115200 });
        opened.push(pipe);
        return pipe;
      },
      0,
      { timeouts: { ...FAST_TIMEOUTS, ackMs: 300, quickReplyMs: 1000, moveReplyMs: 1000, rfReplyMs: 1000 } },
    );
    cleanups.push(() => driver.close());

    const take = driver.takePermit({ timeoutMs: 5000 });
    await until(() => sim.state.entryEnabled, 5000);
    sim.insertCard(TEST_PERMITS[0]!);
    expect(await take).toEqual({ ok: true });

    const read = await driver.readPermit();
    expect(read.ok && read.permit).toEqual(TEST_PERMITS[0]!.record);
    expect(read.ok && read.uid).toBe('047E5700000001');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.description).toBe(`serial:${hostPath}@115200`);
  });
});
