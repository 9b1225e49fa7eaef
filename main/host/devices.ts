import { IdReaderDriver } from '../../drivers/id-reader/driver';
import { openHidPipe } from '../../drivers/transport/hid-pipe';
import { openSerialPipe } from '../../drivers/transport/serial-port-pipe';
import type { KioskConfig } from '../../kiosk-config/schema';
import { IdReaderSimulator } from '../../simulators/id-reader/simulator';
import { simulatedIdReaderOpener } from '../../simulators/id-reader/simulated-opener';
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
export function createDevices(config: Pick<KioskConfig['devices'], 'idReader'>): { devices: KioskDevices; simulators: EmbeddedSimulators } {
  const reader = config.idReader;
  switch (reader.transport) {
    case 'simulator': {
      // `none` starts with an empty reader; an unknown name falls back to the resident card.
      const card = reader.card === 'none' ? null : isTestCardName(reader.card) ? reader.card : 'resident';
      const simulator = new IdReaderSimulator(undefined, { card });
      return { devices: { idReader: new IdReaderDriver(simulatedIdReaderOpener(simulator)) }, simulators: { idReader: simulator } };
    }
    case 'serial':
      return {
        devices: { idReader: new IdReaderDriver(() => openSerialPipe({ path: reader.path, baudRate: reader.baudRate })) },
        simulators: {},
      };
    case 'hid':
      return { devices: { idReader: new IdReaderDriver(() => openHidPipe({ path: reader.path })) }, simulators: {} };
    default:
      return reader satisfies never;
  }
}
