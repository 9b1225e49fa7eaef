import type { PipeOpener } from '../../drivers/transport/byte-pipe';
import { createInProcessPipePair, type InProcessPipeOptions } from '../../drivers/transport/in-process-pipe';
import type { CertificateUnitSimulator } from './simulator';

/**
 * A PipeOpener that connects the driver to a simulator in the same process: each open makes a
 * fresh in-process pipe pair and plugs the simulator into its device end, so a simulated
 * disconnect followed by a reopen behaves like replugging the USB cable.
 */
export function simulatedCertificateUnitOpener(
  simulator: CertificateUnitSimulator,
  options: InProcessPipeOptions = {},
): PipeOpener {
  return async () => {
    const pair = createInProcessPipePair('certificate-unit-sim', options);
    simulator.attach(pair.device);
    return pair.host;
  };
}
