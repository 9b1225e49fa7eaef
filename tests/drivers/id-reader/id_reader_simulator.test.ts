import { describe, expect, it } from 'vitest';
import { encodeCommand, toHex } from '../../../drivers/id-reader/codec';
import type { BytePipe } from '../../../drivers/transport/byte-pipe';
import { createInProcessPipePair } from '../../../drivers/transport/in-process-pipe';
import { IdReaderSimulator } from '../../../simulators/id-reader/simulator';
import { onCleanup, rig, sleep } from './rig';

/** Sends one command and collects `expected` reply bytes, with the time each chunk arrived. */
async function exchange(host: BytePipe, command: Uint8Array, expected: number): Promise<{ bytes: number[]; times: number[] }> {
  const bytes: number[] = [];
  const times: number[] = [];
  const started = performance.now();
  const done = new Promise<void>((resolve) => {
    host.onData((chunk) => {
      bytes.push(...chunk);
      times.push(performance.now() - started);
      if (bytes.length >= expected) resolve();
    });
  });
  await host.write(command);
  await done;
  return { bytes, times };
}

describe('ID reader simulator', () => {
  it('wireBaud paces a reply no faster than the wire: 10 bits a byte, command wire time first', async () => {
    const pair = createInProcessPipePair('paced');
    const sim = new IdReaderSimulator(pair.device, { wireBaud: 9600 });
    onCleanup(() => sim.close());
    // find: 10 command bytes in, 15 reply bytes out = 25 bytes = 26.0 ms at 9600 baud.
    const find = await exchange(pair.host, encodeCommand(0x20, 0x01), 15);
    expect(toHex(Uint8Array.from(find.bytes))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(find.times.at(-1)!).toBeGreaterThanOrEqual(25);
    expect(find.times.at(-1)!).toBeLessThan(200);
  });

  it('the read reply at 115200 baud arrives in UART-sized chunks spread over its 112 ms', async () => {
    const pair = createInProcessPipePair('paced-read');
    const sim = new IdReaderSimulator(pair.device, { wireBaud: 115200 });
    onCleanup(() => sim.close());
    await exchange(pair.host, encodeCommand(0x20, 0x01), 15);
    await exchange(pair.host, encodeCommand(0x20, 0x02), 19);
    const read = await exchange(pair.host, encodeCommand(0x30, 0x01), 1295);
    expect(read.bytes).toHaveLength(1295);
    expect(read.times.length).toBe(Math.ceil(1295 / 16));
    // 1305 bytes on the wire = 113.3 ms; the first chunk not before its own 16 bytes (+ command).
    expect(read.times.at(-1)!).toBeGreaterThanOrEqual(112);
    expect(read.times[0]!).toBeGreaterThanOrEqual(2);
  });

  it('disconnect() on a pipe that cannot be severed closes it; attach() connects again', async () => {
    const pair = createInProcessPipePair('plain');
    const plain: BytePipe = {
      description: 'plain',
      get isOpen() {
        return pair.device.isOpen;
      },
      write: (data) => pair.device.write(data),
      onData: (listener) => pair.device.onData(listener),
      onClose: (listener) => pair.device.onClose(listener),
      close: () => pair.device.close(),
    };
    const sim = new IdReaderSimulator(plain);
    expect(sim.state.connected).toBe(true);
    sim.disconnect();
    await sleep(1);
    expect(sim.state.connected).toBe(false);
    expect(pair.host.isOpen).toBe(false);
    const next = createInProcessPipePair('again');
    sim.attach(next.device);
    const reply = await exchange(next.host, encodeCommand(0x12, 0xff), 27);
    expect(toHex(Uint8Array.from(reply.bytes.slice(7, 10)))).toBe('00 00 90');
    await sim.close();
  });

  it('a one-shot fault with skip hits exactly the reply it names, then clears itself', async () => {
    const { driver, sim } = rig();
    sim.injectFault({ kind: 'read-failed' }, 1, { skip: 2 });
    expect(sim.state).toMatchObject({ fault: { kind: 'read-failed' }, faultSkip: 2, faultRepliesLeft: 1 });
    expect(await driver.readCard()).toMatchObject({ ok: false, reason: 'read-failed' });
    expect(sim.state).toMatchObject({ fault: { kind: 'none' }, faultSkip: 0, faultRepliesLeft: null });
    expect((await driver.readCard()).ok).toBe(true);
  });
});
