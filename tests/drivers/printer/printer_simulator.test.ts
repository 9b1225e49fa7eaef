import { describe, expect, it } from 'vitest';
import { createInProcessPipePair } from '../../../drivers/transport/in-process-pipe';
import { PrinterSimulator, type PrinterSimulatorState } from '../../../simulators/printer/simulator';
import { loopTurns } from './helpers';

/** Sends DLE EOT 1..4 as raw bytes and collects the raw reply bytes. */
async function rawStatus(simulator: PrinterSimulator): Promise<number[]> {
  const pair = createInProcessPipePair('raw', { maxChunk: 1 });
  simulator.attach(pair.device);
  const replies: number[] = [];
  pair.host.onData((chunk) => replies.push(...chunk));
  await pair.host.write(Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04));
  await loopTurns();
  await pair.host.close();
  return replies;
}

describe('simulated printer answers DLE EOT as the contract says', () => {
  it('healthy printer: 12 12 12 12', async () => {
    expect(await rawStatus(new PrinterSimulator())).toEqual([0x12, 0x12, 0x12, 0x12]);
  });

  it('near end: paper sensor 1E, still online', async () => {
    const simulator = new PrinterSimulator();
    simulator.nearEnd();
    expect(await rawStatus(simulator)).toEqual([0x12, 0x12, 0x12, 0x1e]);
  });

  it('paper out: offline, stopped by paper end, sensor 72', async () => {
    const simulator = new PrinterSimulator();
    simulator.setPaper('out');
    expect(await rawStatus(simulator)).toEqual([0x1a, 0x32, 0x12, 0x72]);
  });

  it('cover open: offline, cover bit', async () => {
    const simulator = new PrinterSimulator();
    simulator.setCoverOpen(true);
    expect(await rawStatus(simulator)).toEqual([0x1a, 0x16, 0x12, 0x12]);
  });

  it('mechanical and cutter errors: offline, error occurred, both cause bits', async () => {
    const simulator = new PrinterSimulator();
    simulator.setError('mechanical', true);
    simulator.setError('autocutter', true);
    expect(await rawStatus(simulator)).toEqual([0x1a, 0x52, 0x1e, 0x12]);
  });

  it('ignores DLE EOT with n outside 1..4 and answers the next valid one', async () => {
    const simulator = new PrinterSimulator();
    const pair = createInProcessPipePair('raw');
    simulator.attach(pair.device);
    const replies: number[] = [];
    pair.host.onData((chunk) => replies.push(...chunk));
    await pair.host.write(Uint8Array.of(0x10, 0x04, 0x09, 0x10, 0x04, 0x04));
    await loopTurns();
    expect(replies).toEqual([0x12]);
  });

  it('reports every change of its state model through onChange', () => {
    const simulator = new PrinterSimulator();
    const states: PrinterSimulatorState[] = [];
    simulator.onChange((state) => states.push(state));
    simulator.setCoverOpen(true);
    simulator.paperOutAfter(10);
    simulator.reset();
    expect(states.map((state) => [state.coverOpen, state.paperOutAfterBytes])).toEqual([
      [true, undefined],
      [true, 10],
      [false, undefined],
    ]);
    expect(simulator.state).toMatchObject({ paper: 'ok', replyMode: 'normal', connected: false, jobsRecorded: 0 });
  });
});
