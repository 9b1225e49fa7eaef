import type { PipeOpener } from '../../drivers/transport/byte-pipe';
import { createInProcessHidPair } from '../../drivers/transport/hid-pipe';
import { createInProcessPipePair, type InProcessPipeOptions } from '../../drivers/transport/in-process-pipe';
import type { IdReaderSimulator } from './simulator';

export interface SimulatedIdReaderOpenerOptions extends InProcessPipeOptions {
  /** `hid` carries the frames in 64-byte HID reports, as a reader in HID mode does. */
  readonly transport?: 'serial' | 'hid';
}

/**
 * An opener for the driver that plugs a fresh in-process link into the simulator each time it is
 * called, as replugging the reader does: the card and faults stay, the link is new.
 */
export function simulatedIdReaderOpener(simulator: IdReaderSimulator, options: SimulatedIdReaderOpenerOptions = {}): PipeOpener {
  let opened = 0;
  return async () => {
    opened += 1;
    const name = `id-reader-sim-${opened}`;
    const pair = options.transport === 'hid' ? createInProcessHidPair(name) : createInProcessPipePair(name, options);
    simulator.attach(pair.device);
    return pair.host;
  };
}
