import type { CameraPort } from '../../../drivers/camera/camera-port';
import { judgeFrame } from '../../../kiosk-config/provision/camera-check';
import type { CameraTestView, MaintenanceCommand, MaintenancePage, MaintenanceView } from '../../api/maintenance-contract';
import type { CameraFrameFigures } from '../../api/provisioning-contract';
import type { ServiceId } from '../../api/contract';
import type { KioskDevices } from '../devices';
import type { Logger } from '../log';
import type { KioskState } from '../operation/kiosk-state';
import type { Db } from '../store/database';
import type { Journal } from '../store/journal';
import { deviceDetail, serviceProblems } from './device-health';
import { journalSummary, receiptsSince, startOfLocalDay, transactionsSince } from './journal-reading';
import type { MagazineLoading } from './magazine-loading';
import type { RetainBinEmptying } from './retain-bin';
import { recordStaffAction, type StaffRecordDeps } from './staff-records';
import { testSlip } from './test-slip';
import { type ExportTargetOptions, findExportTarget, writeExport } from './usb-export';

const PAPER_KEY = 'maintenance-paper-replaced-at';
/** Days of journal the export summarises. */
export const EXPORT_DAYS = 7;

export interface MaintenanceDeskDeps {
  readonly kioskId: string;
  readonly devices: KioskDevices;
  readonly camera: CameraPort;
  readonly db: Db;
  readonly journal: Journal;
  readonly state: KioskState;
  readonly enrolled: readonly ServiceId[];
  readonly records: StaffRecordDeps;
  readonly magazine: MagazineLoading;
  readonly retainBin: RetainBinEmptying;
  readonly exportTarget: ExportTargetOptions;
  readonly log: Logger;
  readonly now: () => number;
  /** The kiosk's service state changed (the attract screen's offer follows). */
  readonly onServiceChange: () => void;
  /** The test slip's words (the catalogues, like receipts). */
  readonly texts: (key: string, values?: Readonly<Record<string, string | number>>) => string;
}

type DeskView = Omit<Extract<MaintenanceView, { step: 'open' }>, 'step' | 'staffId' | 'deadlineMs'>;

/**
 * The open maintenance session's pages and what staff do on them: device status, counters,
 * magazine loading, retain bin, paper and test print, service state, export. One action at a
 * time; each is journaled with its records (staff-records.ts).
 */
export class MaintenanceDesk {
  readonly #deps: MaintenanceDeskDeps;
  readonly #listeners = new Set<() => void>();
  #page: MaintenancePage = 'status';
  #busy = false;
  #message: { key: string; tone: 'ok' | 'problem' } | null = null;
  #counters: DeskView['counters'] = { transactionsToday: 0, receiptsSincePaper: 0, paperReplacedAtMs: null };
  #lastExport: DeskView['export']['last'] = null;
  #target: string | null = null;
  #cameraTest: CameraTestView | null = null;

  constructor(deps: MaintenanceDeskDeps) {
    this.#deps = deps;
    deps.magazine.onChange(() => this.#emit());
  }

  onChange(listener: () => void): void {
    this.#listeners.add(listener);
  }

  view(): DeskView {
    const { devices, camera, enrolled, state } = this.#deps;
    return {
      page: this.#page,
      busy: this.#busy,
      messageKey: this.#message?.key ?? null,
      messageTone: this.#message?.tone ?? 'ok',
      devices: deviceDetail(devices, camera),
      counters: this.#counters,
      magazine: this.#deps.magazine.view(),
      retainBin: this.#deps.retainBin.view(),
      service: { outOfService: state.outOfService, byStaff: state.heldOutBy('staff'), byCentral: state.heldOutBy('central'), problems: serviceProblems(devices, camera, enrolled) },
      export: { target: this.#target, last: this.#lastExport },
      cameraTest: this.#cameraTest,
    };
  }

  opened(): void {
    this.#page = 'status';
    this.#message = null;
    this.#lastExport = null;
    this.#cameraTest = null;
  }

  closed(): void {
    this.#deps.magazine.reset();
    this.#deps.retainBin.reset();
    this.#message = null;
  }

  /** Asks every device how it is and reads the counters, the magazine and the retain bin again. */
  async refresh(): Promise<void> {
    await this.#busyWith(async () => {
      const { idReader, printer, certificateUnit } = this.#deps.devices;
      await Promise.all([idReader.getStatus(), printer.getStatus(), certificateUnit.getStatus()]);
      this.#counters = this.#readCounters();
      await this.#deps.magazine.refresh();
      await this.#deps.retainBin.refresh();
      this.#target = await findExportTarget(this.#deps.exportTarget).catch(() => null);
    });
  }

  async act(command: Exclude<MaintenanceCommand, { action: 'pin-key' | 'pin-confirm' | 'close' }>, staffId: string): Promise<void> {
    if (this.#busy) return;
    this.#message = null;
    switch (command.action) {
      case 'show':
        this.#page = command.page;
        return this.refresh();
      case 'refresh':
        return this.refresh();
      case 'magazine-read':
        return this.#busyWith(async () => this.#say(await this.#deps.magazine.readCertificate()));
      case 'magazine-placed':
        return this.#busyWith(async () => this.#say(await this.#deps.magazine.confirmPlaced(staffId)));
      case 'retain-collected':
        this.#deps.retainBin.toggleCollected(command.index);
        return this.#emit();
      case 'retain-emptied':
        return this.#busyWith(async () => this.#say(await this.#deps.retainBin.emptied(staffId)));
      case 'paper-replaced':
        return this.#busyWith(() => this.#paperReplaced(staffId));
      case 'test-print':
        return this.#busyWith(() => this.#testPrint(staffId));
      case 'out-of-service':
        this.#deps.state.holdOut('staff', true);
        recordStaffAction(this.#deps.records, staffId, 'out-of-service');
        this.#deps.onServiceChange();
        return this.#say({ key: 'maintenance.service.takenOut', tone: 'ok' });
      case 'in-service':
        return this.#busyWith(() => this.#backInService(staffId));
      case 'export':
        return this.#busyWith(() => this.#export(staffId));
      case 'camera-test':
        return this.#cameraTested(command.frame, staffId);
      default:
        return command satisfies never;
    }
  }

  #readCounters(): DeskView['counters'] {
    const now = this.#deps.now();
    const paper = this.#deps.state.read(PAPER_KEY);
    const paperReplacedAtMs = typeof paper === 'number' ? paper : null;
    return {
      transactionsToday: transactionsSince(this.#deps.db, startOfLocalDay(now)),
      receiptsSincePaper: receiptsSince(this.#deps.db, this.#deps.journal, paperReplacedAtMs ?? 0),
      paperReplacedAtMs,
    };
  }

  async #paperReplaced(staffId: string): Promise<void> {
    this.#deps.state.write(PAPER_KEY, this.#deps.now());
    const status = await this.#deps.devices.printer.getStatus();
    recordStaffAction(this.#deps.records, staffId, 'paper-replaced', { paper: status.paper });
    this.#counters = this.#readCounters();
    this.#say(status.paper === 'ok' ? { key: 'maintenance.printer.paperReplaced', tone: 'ok' } : { key: 'maintenance.printer.paperStillLow', tone: 'problem' });
  }

  async #testPrint(staffId: string): Promise<void> {
    const printed = await this.#deps.devices.printer.print(testSlip(this.#deps.texts, this.#deps.kioskId, this.#deps.now(), this.#deps.devices));
    recordStaffAction(this.#deps.records, staffId, 'test-print', { outcome: printed.ok ? 'printed' : printed.reason });
    this.#counters = this.#readCounters();
    this.#say(printed.ok ? { key: 'maintenance.printer.testPrinted', tone: 'ok' } : { key: 'maintenance.printer.testFailed', tone: 'problem' });
  }

  async #backInService(staffId: string): Promise<void> {
    const { idReader, printer, certificateUnit } = this.#deps.devices;
    await Promise.all([idReader.getStatus(), printer.getStatus(), certificateUnit.getStatus()]);
    const problems = serviceProblems(this.#deps.devices, this.#deps.camera, this.#deps.enrolled);
    if (problems.length) return this.#say({ key: 'maintenance.service.notHealthy', tone: 'problem' });
    // Staff lift their own reason only: central's stays until central sends `in-service`.
    this.#deps.state.holdOut('staff', false);
    const centralHolds = this.#deps.state.heldOutBy('central');
    recordStaffAction(this.#deps.records, staffId, 'in-service', { centralHoldsOut: centralHolds });
    this.#deps.onServiceChange();
    this.#say(centralHolds ? { key: 'maintenance.service.centralHoldsOut', tone: 'problem' } : { key: 'maintenance.service.backIn', tone: 'ok' });
  }

  /** The frame the screen took (the camera belongs to the page): judged as the self-test does. */
  #cameraTested(frame: CameraFrameFigures, staffId: string): void {
    const report = judgeFrame(frame);
    const passed = report.result === 'passed';
    const taken = frame.taken ? { width: frame.width, height: frame.height, meanLuma: Math.round(frame.meanLuma), covered: report.covered === true } : null;
    this.#cameraTest = { result: passed ? 'passed' : 'failed', frame: taken };
    recordStaffAction(this.#deps.records, staffId, 'camera-test', { result: this.#cameraTest.result, detail: report.detail, ...(taken ?? {}) });
    this.#say(passed ? { key: 'maintenance.camera.passed', tone: 'ok' } : { key: taken ? 'maintenance.camera.covered' : 'maintenance.camera.noFrame', tone: 'problem' });
  }

  async #export(staffId: string): Promise<void> {
    this.#target = await findExportTarget(this.#deps.exportTarget).catch(() => null);
    if (!this.#target) return this.#say({ key: 'maintenance.export.noStick', tone: 'problem' });
    const now = this.#deps.now();
    try {
      const summary = { transactions: journalSummary(this.#deps.db, now, EXPORT_DAYS), queue: this.#deps.journal.outbox.stats(now) };
      const result = await writeExport(this.#target, { kioskId: this.#deps.kioskId, nowMs: now, days: EXPORT_DAYS, summary });
      this.#lastExport = { folder: result.folder, files: result.files.length };
      recordStaffAction(this.#deps.records, staffId, 'export', { files: result.files.length });
      this.#say({ key: 'maintenance.export.done', tone: 'ok' });
    } catch (error) {
      this.#deps.log.error({ err: error }, 'export to the USB stick failed');
      this.#say({ key: 'maintenance.export.failed', tone: 'problem' });
    }
  }

  #say(message: { key: string; tone: 'ok' | 'problem' }): void {
    this.#message = message;
    this.#emit();
  }

  async #busyWith(work: () => Promise<void>): Promise<void> {
    this.#busy = true;
    this.#emit();
    try {
      await work();
    } catch (error) {
      this.#deps.log.error({ err: error }, 'maintenance action failed');
      this.#message = { key: 'maintenance.actionFailed', tone: 'problem' };
    } finally {
      this.#busy = false;
      this.#emit();
    }
  }

  #emit(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
