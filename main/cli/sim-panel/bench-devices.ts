/**
 * The simulators behind the technician panel: the three devices of `kiosk sim up` on their pty
 * links, or whichever simulators a kiosk runs in process (plus its embedded central), and the
 * picture of them the panel shows. Only the simulators' public APIs are used.
 */
import type { BytePipe } from '../../../drivers/transport/byte-pipe';
import {
  type CertificateUnitSimState,
  CertificateUnitSimulator,
  renderCardBackSvg,
  renderCardBackText,
  type SimCard,
  type SimulatorTiming,
  TEST_PERMITS,
} from '../../../simulators/certificate-unit/index';
import { IdReaderSimulator } from '../../../simulators/id-reader/simulator';
import { testCardNames } from '../../../simulators/id-reader/test-cards';
import { PrinterSimulator, renderSvg, renderText } from '../../../simulators/printer/index';
import type { CentralSimulator } from '../../../simulators/central/server';
import type { FakeCameraScenes } from '../../../simulators/camera/scene-files';
import { cameraSnapshot } from './camera-actions';
import { centralSnapshot } from './central-actions';

export interface BenchDevices {
  readonly idReader: IdReaderSimulator;
  readonly printer: PrinterSimulator;
  readonly certificateUnit: CertificateUnitSimulator;
  /** The simulator ends of the links, so an "unplugged" reader can be plugged back in. */
  readonly pipes: { readonly idReader: BytePipe; readonly printer: BytePipe; readonly certificateUnit: BytePipe };
}

/** What a panel drives: any of the simulators; the pty links only under `kiosk sim up`. */
export interface PanelDevices {
  readonly idReader?: IdReaderSimulator;
  readonly printer?: PrinterSimulator;
  readonly certificateUnit?: CertificateUnitSimulator;
  readonly central?: CentralSimulator;
  /** The scene Chromium's fake camera plays (a kiosk's simulator mode). */
  readonly camera?: FakeCameraScenes;
  readonly pipes?: { readonly idReader?: BytePipe };
}

export interface BenchDeviceOptions {
  readonly card?: string | null;
  /**
   * The certificate unit's motion times; realistic by default (what a technician sees). A harness
   * that runs the endorsement dozens of times passes shorter ones.
   */
  readonly certificateUnitTiming?: Partial<SimulatorTiming>;
}

/** Attaches a fresh simulator of each kind to its pipe. */
export function createBenchDevices(pipes: BenchDevices['pipes'], options: BenchDeviceOptions = {}): BenchDevices {
  const card = options.card === undefined ? 'resident' : options.card;
  const idReader = new IdReaderSimulator(pipes.idReader, {
    card: card === null ? null : testCardNames.find((name) => name === card) ?? 'resident',
  });
  const printer = new PrinterSimulator();
  printer.attach(pipes.printer);
  const certificateUnit = new CertificateUnitSimulator(options.certificateUnitTiming ? { timing: options.certificateUnitTiming } : {});
  certificateUnit.attach(pipes.certificateUnit);
  return { idReader, printer, certificateUnit, pipes };
}

/** Most recent prints shown on the panel. */
const PRINTS_SHOWN = 10;

function cardSummary(card: SimCard | undefined): unknown {
  if (!card) return null;
  return card.kind === 'permit'
    ? { kind: 'permit', permitNumber: card.permit.permitNumber, name: card.permit.nameZh, printedLines: card.printedLines }
    : { kind: 'certificate', slot: card.slot };
}

function cardBackPrints(state: CertificateUnitSimState): unknown[] {
  const where: Array<[string, SimCard | undefined]> = [
    ...state.taken.map((card): [string, SimCard] => ['taken', card]),
    ...state.retained.map((card): [string, SimCard] => ['retained', card]),
    [`in unit (${state.location})`, state.card],
  ];
  return where
    .filter(([, card]) => card?.kind === 'permit' && card.printedLines.length > 0)
    .slice(-PRINTS_SHOWN)
    .map(([place, card]) => {
      const lines = card?.kind === 'permit' ? card.printedLines : [];
      return {
        place,
        permitNumber: card?.kind === 'permit' ? card.permit.permitNumber : null,
        text: renderCardBackText(lines),
        svg: renderCardBackSvg(lines),
      };
    });
}

function printerSnapshot(printer: PrinterSimulator): unknown {
  const jobs = printer.jobs;
  return {
    ...printer.state,
    jobs: jobs
      .slice(-PRINTS_SHOWN)
      .map((job, i) => ({
        number: jobs.length - Math.min(jobs.length, PRINTS_SHOWN) + i + 1,
        complete: job.complete,
        endedBy: job.endedBy,
        receivedBytes: job.receivedBytes,
        warnings: job.warnings,
        text: renderText(job.document),
        svg: renderSvg(job.document),
      }))
      .reverse(),
  };
}

function certificateUnitSnapshot(unit: CertificateUnitSimulator): unknown {
  const cu = unit.state;
  return {
    initialised: cu.initialised,
    location: cu.location,
    card: cardSummary(cu.card),
    entryEnabled: cu.entryEnabled,
    loadedSlots: cu.magazine.filter((slot) => slot !== undefined).length,
    slots: cu.magazine.length,
    retainCount: cu.retainCount,
    retainCapacity: cu.retainCapacity,
    faults: cu.faults,
    taken: cu.taken.length,
    permits: TEST_PERMITS.map((permit, index) => ({ index, permitNumber: permit.record.permitNumber, name: permit.record.nameZh })),
    cardBackPrints: cardBackPrints(cu),
  };
}

/** The JSON the panel polls: one entry per simulator present, so the page shows only those. */
export function snapshot(devices: PanelDevices): unknown {
  return {
    ...(devices.idReader ? { idReader: { ...devices.idReader.state, testCards: testCardNames } } : {}),
    ...(devices.printer ? { printer: printerSnapshot(devices.printer) } : {}),
    ...(devices.certificateUnit ? { certificateUnit: certificateUnitSnapshot(devices.certificateUnit) } : {}),
    ...(devices.central ? { central: centralSnapshot(devices.central) } : {}),
    ...(devices.camera ? { camera: cameraSnapshot(devices.camera) } : {}),
  };
}
