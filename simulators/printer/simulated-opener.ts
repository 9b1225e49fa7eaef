import type { PipeOpener } from '../../drivers/transport/byte-pipe';
import { createInProcessPipePair, type InProcessPipeOptions } from '../../drivers/transport/in-process-pipe';
import type { PrinterSimulator } from './simulator';

/**
 * A PipeOpener for the driver that plugs a fresh in-process cable into the simulator each time,
 * so reconnection after `disconnect()` works the same way as with a real port.
 */
export function simulatedPrinterOpener(simulator: PrinterSimulator, options: InProcessPipeOptions = {}): PipeOpener {
  let links = 0;
  return async () => {
    links += 1;
    const pair = createInProcessPipePair(`printer-sim-${links}`, options);
    simulator.attach(pair.device);
    return pair.host;
  };
}
