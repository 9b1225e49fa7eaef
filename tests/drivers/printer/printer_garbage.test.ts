import { describe, expect, it } from 'vitest';
import { encodeDocument } from '../../../drivers/printer/codec';
import { PrinterDriver } from '../../../drivers/printer/driver';
import type { BytePipe } from '../../../drivers/transport/byte-pipe';
import { createInProcessPipePair } from '../../../drivers/transport/in-process-pipe';
import { PrinterSimulator } from '../../../simulators/printer/simulator';
import { loopTurns, sampleReceipt, seededRandom, setUpPrinter, TEST_STATUS_TIMEOUT_MS } from './helpers';

const shortTimeout = { driver: { statusTimeoutMs: TEST_STATUS_TIMEOUT_MS } };

describe('garbage on the line', () => {
  it('reads garbage status replies as a typed fault, not as a status', async () => {
    const { simulator, driver } = setUpPrinter(shortTimeout);
    simulator.garbage();
    const status = await driver.getStatus();
    expect(status).toMatchObject({ status: 'hardware-error', fault: 'garbage-reply', paper: 'unknown' });
  });

  it('refuses to print on garbage replies and sends nothing of the job', async () => {
    const { simulator, driver } = setUpPrinter(shortTimeout);
    simulator.garbage();
    const result = await driver.print(sampleReceipt());
    expect(result).toMatchObject({ ok: false, reason: 'garbage-reply', sent: false });
    expect(simulator.jobs).toHaveLength(0);
  });

  it('is back online once the replies are clean again', async () => {
    const { simulator, driver } = setUpPrinter(shortTimeout);
    simulator.garbage();
    await driver.getStatus();
    simulator.garbage(false);
    simulator.nearEnd();
    expect(await driver.getStatus()).toMatchObject({ status: 'online', paper: 'near-end' });
    expect((await driver.print(sampleReceipt())).ok).toBe(true);
  });

  it('drops unsolicited noise that arrives while idle before the next request', async () => {
    const simulator = new PrinterSimulator();
    let deviceEnd: BytePipe | undefined;
    const driver = new PrinterDriver(
      async () => {
        const pair = createInProcessPipePair('noisy', { maxChunk: 3 });
        simulator.attach(pair.device);
        deviceEnd = pair.device;
        return pair.host;
      },
      { statusTimeoutMs: TEST_STATUS_TIMEOUT_MS },
    );
    simulator.setCoverOpen(true);
    expect((await driver.getStatus()).status).toBe('user-error');
    const random = seededRandom(7);
    // Bytes that would read as "online, paper ok" if they were taken as replies.
    const noise = Uint8Array.from({ length: 64 }, (_, index) => (index % 2 === 0 ? 0x12 : Math.floor(random() * 256)));
    await deviceEnd?.write(noise);
    await loopTurns();
    expect(await driver.getStatus()).toMatchObject({ status: 'user-error', coverOpen: true });
  });

  it('the simulator survives random bytes and still prints the next proper job', async () => {
    const simulator = new PrinterSimulator({ random: seededRandom(1) });
    const pair = createInProcessPipePair('garbage-in', { maxChunk: 7 });
    simulator.attach(pair.device);
    const random = seededRandom(99);
    const noise = Uint8Array.from({ length: 2000 }, () => {
      const byte = Math.floor(random() * 256);
      // Leave out GS so no long command swallows the job that follows.
      return byte === 0x1d ? 0x20 : byte;
    });
    await pair.host.write(noise);
    await pair.host.write(Uint8Array.of(0x0a, 0x0a, 0x0a, 0x0a));
    await pair.host.write(encodeDocument(sampleReceipt()));
    await loopTurns();
    expect(simulator.jobs.at(-1)?.document).toEqual(sampleReceipt());
    expect(simulator.jobs.at(-1)?.complete).toBe(true);
  });
});
