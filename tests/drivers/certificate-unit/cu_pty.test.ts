import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CertificateUnitDriver } from '../../../drivers/certificate-unit/driver';
import type { BytePipe } from '../../../drivers/transport/byte-pipe';
import { openSerialPipe } from '../../../drivers/transport/serial-port-pipe';
import { CertificateUnitSimulator, ZERO_TIMING } from '../../../simulators/certificate-unit/simulator';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';
import { FAST_TIMEOUTS, until } from './rig';

let socat: ChildProcess | undefined;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  if (socat && socat.exitCode === null) {
    const exited = new Promise((resolve) => socat?.once('exit', resolve));
    socat.kill('SIGTERM');
    await exited;
  }
  socat = undefined;
});

/** Starts socat with two linked ptys and returns their paths from its stderr. */
function startPtyPair(): Promise<[string, string]> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    socat = child;
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`socat gave no ptys: ${stderr}`)), 5000);
    child.once('error', reject);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const paths = [...stderr.matchAll(/PTY is (\/dev\/pts\/\d+)/g)].map((m) => m[1]!);
      // Both ptys exist once socat says the transfer loop started.
      if (paths.length === 2 && /starting data transfer loop/.test(stderr)) {
        clearTimeout(timer);
        resolve([paths[0]!, paths[1]!]);
      }
    });
  });
}

describe('certificate unit over a real pty pair', () => {
  it('reads a permit from the simulator through socat', async () => {
    const [devicePath, hostPath] = await startPtyPair();
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
