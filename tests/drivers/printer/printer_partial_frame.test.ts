import { describe, expect, it, vi } from 'vitest';
import { encodeDocument } from '../../../drivers/printer/codec';
import { EscPosStreamParser } from '../../../drivers/printer/stream-parser';
import { createInProcessPipePair } from '../../../drivers/transport/in-process-pipe';
import { PrinterSimulator } from '../../../simulators/printer/simulator';
import { sampleReceipt, setUpPrinter } from './helpers';

describe('bytes split one at a time', () => {
  it('reads status and prints exactly the document when every byte travels alone', async () => {
    const { simulator, driver } = setUpPrinter({ maxChunk: 1 });
    simulator.nearEnd();
    expect(await driver.getStatus()).toMatchObject({ status: 'online', paper: 'near-end', coverOpen: false });
    const result = await driver.print(sampleReceipt());
    expect(result.ok).toBe(true);
    expect(simulator.jobs).toHaveLength(1);
    expect(simulator.jobs[0]).toMatchObject({ complete: true, warnings: [], discardedBytes: 0 });
    expect(simulator.jobs[0]?.document).toEqual(sampleReceipt());
    expect(simulator.jobs[0]?.receivedBytes).toBe(encodeDocument(sampleReceipt()).length);
  });

  it('answers a status request that arrives in the middle of a job, before the job ends', async () => {
    const simulator = new PrinterSimulator();
    const pair = createInProcessPipePair('mid-job', { maxChunk: 1 });
    simulator.attach(pair.device);
    const replies: number[] = [];
    pair.host.onData((chunk) => replies.push(...chunk));
    const job = encodeDocument(sampleReceipt());
    const half = 40;
    await pair.host.write(job.subarray(0, half));
    await pair.host.write(Uint8Array.of(0x10, 0x04, 0x04));
    // The pipe delivers byte by byte on timers: wait for the answer (a loaded machine is slower than 5 ms).
    await vi.waitFor(() => expect(replies).toEqual([0x12]), { timeout: 2000, interval: 5 });
    expect(simulator.state.printing).toBe(true);
    expect(simulator.jobs).toHaveLength(0);
    await pair.host.write(job.subarray(half));
    await vi.waitFor(() => expect(simulator.jobs[0]?.document).toEqual(sampleReceipt()), { timeout: 2000, interval: 5 });
    expect(replies).toEqual([0x12]);
  });

  it('holds an incomplete command until its last byte comes', () => {
    const parser = new EscPosStreamParser();
    const store = Uint8Array.of(0x1d, 0x28, 0x6b, 0x06, 0x00, 0x31, 0x50, 0x30, 0x61, 0x62, 0x63);
    const print = Uint8Array.of(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);
    const events = [];
    for (const byte of [...store, ...print.subarray(0, 7)]) events.push(...parser.push(Uint8Array.of(byte)));
    expect(events.map((event) => event.kind)).toEqual(['mode']);
    expect(parser.hasPendingInput).toBe(true);
    const last = parser.push(print.subarray(7));
    expect(last).toEqual([
      {
        kind: 'element',
        element: { kind: 'qr', data: 'abc', moduleSize: 3, errorCorrection: 'L', align: 'left' },
        byteLength: 8,
      },
    ]);
  });
});
