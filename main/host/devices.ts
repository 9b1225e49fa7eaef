import { IdReaderDriver } from '../../drivers/id-reader/driver';
import { createInProcessPipePair } from '../../drivers/transport/in-process-pipe';
import { openSerialPipe } from '../../drivers/transport/serial-port-pipe';
import type { KioskConfig } from '../../kiosk-config/schema';
import { IdReaderSimulator } from '../../simulators/id-reader/simulator';
import { isTestCardName } from '../../simulators/id-reader/test-cards';

export interface KioskDevices {
  readonly idReader: IdReaderDriver;
}

/** Simulators that run inside the host in simulator mode; technicians and tests drive them. */
export interface EmbeddedSimulators {
  readonly idReader?: IdReaderSimulator;
}

/**
 * Builds the drivers the configuration names. A simulated device is the simulator on the far end
 * of an in-process byte pipe: the driver cannot tell it from the real thing.
 */
export function createDevices(config: KioskConfig['devices']): { devices: KioskDevices; simulators: EmbeddedSimulators } {
  const reader = config.idReader;
  switch (reader.transport) {
    case 'simulator': {
      // `none` starts with an empty reader; an unknown name falls back to the resident card.
      const card = reader.card === 'none' ? null : isTestCardName(reader.card) ? reader.card : 'resident';
      let simulator: IdReaderSimulator | undefined;
      const idReader = new IdReaderDriver(async () => {
        const pair = createInProcessPipePair('id-reader-sim');
        // A reconnect gets a fresh pipe; the simulated card stays where it was.
        const previous = simulator;
        previous?.detach();
        simulator = new IdReaderSimulator(pair.device, { card: previous ? previous.state.card : card });
        return pair.host;
      });
      return {
        devices: { idReader },
        simulators: {
          get idReader() {
            return simulator;
          },
        },
      };
    }
    case 'serial':
      return {
        devices: { idReader: new IdReaderDriver(() => openSerialPipe({ path: reader.path, baudRate: reader.baudRate })) },
        simulators: {},
      };
    case 'hid':
      throw new Error('the HID transport of the ID reader is not available in this build');
    default:
      return reader satisfies never;
  }
}
