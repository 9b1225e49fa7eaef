import { join } from 'node:path';
import type { Clock } from '../../../drivers/common/clock';
import type { KioskConfig } from '../../../kiosk-config/schema';
import type { CentralApi } from '../central/central-api';
import { receiptTexts } from '../receipt-texts';
import { MagazineLoading } from './magazine-loading';
import { MaintenanceDesk, type MaintenanceDeskDeps } from './maintenance-desk';
import { MaintenanceMode } from './maintenance-mode';
import { PinLockout } from './pin-lockout';
import { RetainBinEmptying } from './retain-bin';
import { StaffCardWatch } from './staff-card-watch';
import { StaffDirectory } from './staff-directory';

export interface MaintenanceWiringDeps extends Pick<MaintenanceDeskDeps, 'devices' | 'camera' | 'db' | 'journal' | 'state' | 'log' | 'onServiceChange'> {
  readonly config: KioskConfig;
  readonly dataDir: string;
  readonly central: CentralApi;
  readonly clock: Clock;
  readonly onRecordQueued: () => void;
  /** No citizen session is under way. */
  readonly kioskIdle: () => boolean;
  /** Where exports go; by default KIOSK_EXPORT_DIR, in simulator mode `<dataDir>/usb-stick`, else /media. */
  readonly exportDir?: string;
}

/** Simulator mode's stand-in for a USB stick: a folder in the data dir. */
export const simulatedUsbStick = (dataDir: string): string => join(dataDir, 'usb-stick');

/** Builds maintenance mode and the staff-card watch on the idle reader, for the composition root. */
export function wireMaintenance(deps: MaintenanceWiringDeps) {
  const now = () => deps.clock.now();
  const records = { journal: deps.journal, now, onRecordQueued: deps.onRecordQueued };
  const log = deps.log;
  const staff = new StaffDirectory({ state: deps.state, central: deps.central, log, now });
  const desk = new MaintenanceDesk({
    kioskId: deps.config.kioskId,
    devices: deps.devices,
    camera: deps.camera,
    db: deps.db,
    journal: deps.journal,
    state: deps.state,
    enrolled: deps.config.services,
    records,
    magazine: new MagazineLoading({ idReader: deps.devices.idReader, certificateUnit: deps.devices.certificateUnit, central: deps.central, records, log }),
    retainBin: new RetainBinEmptying({ certificateUnit: deps.devices.certificateUnit, db: deps.db, journal: deps.journal, state: deps.state, records }),
    exportTarget: {
      configured: deps.exportDir ?? process.env.KIOSK_EXPORT_DIR,
      simulatorFolder: deps.config.mode === 'simulator' ? simulatedUsbStick(deps.dataDir) : undefined,
    },
    log,
    now,
    onServiceChange: deps.onServiceChange,
    texts: receiptTexts(deps.config.ui.defaultLanguage),
  });
  const mode = new MaintenanceMode({ staff, lockout: new PinLockout(deps.state, now), desk, records, clock: deps.clock, log, mayOpen: deps.kioskIdle });
  let wasOpen = false;
  mode.onChange(() => {
    if (mode.open !== wasOpen) {
      wasOpen = mode.open;
      deps.onServiceChange();
    }
  });
  const watch = new StaffCardWatch({
    idReader: deps.devices.idReader,
    clock: deps.clock,
    log,
    active: () => deps.kioskIdle() && !mode.open,
    onCard: (idNumber) => mode.staffCardRead(idNumber),
  });
  return {
    mode,
    staff,
    watch,
    start(): void {
      // The host may stop (its journal closed) while central's answer is on its way.
      void staff.refresh().catch((error: unknown) => log.warn({ err: error }, 'staff list not refreshed'));
      watch.start();
    },
    stop(): void {
      watch.stop();
      mode.stop();
    },
  };
}
