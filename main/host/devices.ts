import { CertificateUnitDriver } from '../../drivers/certificate-unit/driver';
import type { CommonStatus } from '../../drivers/common/device-status';
import { IdReaderDriver } from '../../drivers/id-reader/driver';
import { PrinterDriver } from '../../drivers/printer/driver';
import { openHidPipe } from '../../drivers/transport/hid-pipe';
import { openSerialPipe } from '../../drivers/transport/serial-port-pipe';
import type { KioskConfig } from '../../kiosk-config/schema';
import { CertificateUnitSimulator } from '../../simulators/certificate-unit/simulator';
import { simulatedCertificateUnitOpener } from '../../simulators/certificate-unit/simulated-opener';
import { IdReaderSimulator } from '../../simulators/id-reader/simulator';
import { simulatedIdReaderOpener } from '../../simulators/id-reader/simulated-opener';
import { isTestCardName } from '../../simulators/id-reader/test-cards';
import { PrinterSimulator } from '../../simulators/printer/simulator';
import { simulatedPrinterOpener } from '../../simulators/printer/simulated-opener';
import type { DeviceReport } from './sync/heartbeat';

export interface KioskDevices {
  readonly idReader: IdReaderDriver;
  readonly printer: PrinterDriver;
  readonly certificateUnit: CertificateUnitDriver;
}

/** Simulators that run inside the host in simulator mode; technicians and tests drive them. */
export interface EmbeddedSimulators {
  readonly idReader?: IdReaderSimulator;
  readonly printer?: PrinterSimulator;
  readonly certificateUnit?: CertificateUnitSimulator;
}

type DevicesConfig = Pick<KioskConfig['devices'], 'idReader' | 'printer' | 'certificateUnit'>;

function idReaderFrom(config: DevicesConfig['idReader']): { driver: IdReaderDriver; simulator?: IdReaderSimulator } {
  switch (config.transport) {
    case 'simulator': {
      // `none` starts with an empty reader; an unknown name falls back to the resident card.
      const card = config.card === 'none' ? null : isTestCardName(config.card) ? config.card : 'resident';
      const simulator = new IdReaderSimulator(undefined, { card });
      return { driver: new IdReaderDriver(simulatedIdReaderOpener(simulator)), simulator };
    }
    case 'serial':
      return { driver: new IdReaderDriver(() => openSerialPipe({ path: config.path, baudRate: config.baudRate })) };
    case 'hid':
      return { driver: new IdReaderDriver(() => openHidPipe({ path: config.path })) };
    default:
      return config satisfies never;
  }
}

function printerFrom(config: DevicesConfig['printer']): { driver: PrinterDriver; simulator?: PrinterSimulator } {
  switch (config.transport) {
    case 'simulator': {
      const simulator = new PrinterSimulator();
      return { driver: new PrinterDriver(simulatedPrinterOpener(simulator)), simulator };
    }
    case 'serial':
      return { driver: new PrinterDriver(() => openSerialPipe({ path: config.path, baudRate: config.baudRate })) };
    default:
      return config satisfies never;
  }
}

function certificateUnitFrom(config: DevicesConfig['certificateUnit']): { driver: CertificateUnitDriver; simulator?: CertificateUnitSimulator } {
  switch (config.transport) {
    case 'simulator': {
      const simulator = new CertificateUnitSimulator();
      return { driver: new CertificateUnitDriver(simulatedCertificateUnitOpener(simulator)), simulator };
    }
    case 'serial':
      return { driver: new CertificateUnitDriver(() => openSerialPipe({ path: config.path, baudRate: config.baudRate }), config.addr) };
    default:
      return config satisfies never;
  }
}

/**
 * Builds the drivers the configuration names. A simulated device is the simulator on the far end
 * of an in-process byte pipe: the driver cannot tell it from the real thing.
 */
export function createDevices(config: DevicesConfig): { devices: KioskDevices; simulators: EmbeddedSimulators } {
  const idReader = idReaderFrom(config.idReader);
  const printer = printerFrom(config.printer);
  const certificateUnit = certificateUnitFrom(config.certificateUnit);
  return {
    devices: { idReader: idReader.driver, printer: printer.driver, certificateUnit: certificateUnit.driver },
    simulators: { idReader: idReader.simulator, printer: printer.simulator, certificateUnit: certificateUnit.simulator },
  };
}

/** The fields every device reports the same way; `detail` is null when nothing is wrong. */
const common = ({ status, detail }: CommonStatus) => ({ status, detail: detail ?? null });

/**
 * The device part of the heartbeat: each device's last known status in the common vocabulary,
 * plus what central needs to send a technician with the right parts (paper, cards, an empty bin).
 * Reads only the last known status: the heartbeat must never wait on a device.
 */
export function deviceReport(devices: KioskDevices): Readonly<Record<keyof KioskDevices, DeviceReport>> {
  const { idReader, printer, certificateUnit } = devices;
  return {
    idReader: { ...common(idReader.status), card: idReader.status.card },
    printer: { ...common(printer.status), paper: printer.status.paper, coverOpen: printer.status.coverOpen },
    certificateUnit: { ...common(certificateUnit.status), retainBin: certificateUnit.status.retainBin, stock: certificateUnit.status.stock },
  };
}

export async function closeDevices(devices: KioskDevices): Promise<void> {
  await Promise.all([devices.idReader.close(), devices.printer.close(), devices.certificateUnit.close()]);
}
