/**
 * The three simulated devices behind `kiosk sim up`, what the technician panel may do to them,
 * and the picture of them the panel shows. Only the simulators' public APIs are used.
 */
import { z } from 'zod';
import type { BytePipe } from '../../../drivers/transport/byte-pipe';
import {
  type CertificateUnitSimState,
  CertificateUnitSimulator,
  renderCardBackSvg,
  renderCardBackText,
  type SimCard,
  TEST_PERMITS,
} from '../../../simulators/certificate-unit/index';
import { IdReaderSimulator } from '../../../simulators/id-reader/simulator';
import { testCardNames } from '../../../simulators/id-reader/test-cards';
import { PrinterSimulator, renderSvg, renderText } from '../../../simulators/printer/index';

export interface BenchDevices {
  readonly idReader: IdReaderSimulator;
  readonly printer: PrinterSimulator;
  readonly certificateUnit: CertificateUnitSimulator;
  /** The simulator ends of the links, so an "unplugged" reader can be plugged back in. */
  readonly pipes: { readonly idReader: BytePipe; readonly printer: BytePipe; readonly certificateUnit: BytePipe };
}

/** Attaches a fresh simulator of each kind to its pipe. */
export function createBenchDevices(pipes: BenchDevices['pipes'], options: { readonly card?: string | null } = {}): BenchDevices {
  const card = options.card === undefined ? 'resident' : options.card;
  const idReader = new IdReaderSimulator(pipes.idReader, {
    card: card === null ? null : testCardNames.find((name) => name === card) ?? 'resident',
  });
  const printer = new PrinterSimulator();
  printer.attach(pipes.printer);
  const certificateUnit = new CertificateUnitSimulator();
  certificateUnit.attach(pipes.certificateUnit);
  return { idReader, printer, certificateUnit, pipes };
}

const count = z.number().int().min(1).max(1000);
const delay = z.number().int().min(0).max(60_000);

export const IdReaderAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('place'), card: z.enum(testCardNames as [string, ...string[]]) }),
  z.object({ action: z.literal('remove') }),
  z.object({
    action: z.literal('fault'),
    fault: z.enum(['silence', 'garbage', 'bad-checksum', 'partial-frame', 'read-failed']),
    replies: count.optional(),
  }),
  z.object({ action: z.literal('result-code'), sw3: z.number().int().min(0).max(255), replies: count.optional() }),
  z.object({ action: z.literal('clear-fault') }),
  z.object({ action: z.literal('delay'), ms: delay }),
  /** Over a pty the cable cannot be cut; the reader goes quiet as when it loses power behind its USB bridge. */
  z.object({ action: z.literal('unplug') }),
  z.object({ action: z.literal('plug') }),
]);

export const PrinterAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('paper'), level: z.enum(['ok', 'near-end', 'out']) }),
  z.object({ action: z.literal('cover'), open: z.boolean() }),
  z.object({ action: z.literal('offline'), on: z.boolean() }),
  z.object({ action: z.literal('error'), cause: z.enum(['mechanical', 'autocutter', 'unrecoverable', 'auto-recoverable']), on: z.boolean() }),
  z.object({ action: z.literal('silence'), on: z.boolean() }),
  z.object({ action: z.literal('garbage'), on: z.boolean() }),
  z.object({ action: z.literal('slow-reply'), ms: delay }),
  z.object({ action: z.literal('paper-out-after'), bytes: z.number().int().min(0).nullable() }),
  z.object({ action: z.literal('reset') }),
  z.object({ action: z.literal('clear-jobs') }),
]);

export const CertificateUnitAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('insert'), permit: z.number().int().min(0).max(TEST_PERMITS.length - 1) }),
  z.object({ action: z.literal('take') }),
  z.object({ action: z.literal('retain-bin-full') }),
  z.object({ action: z.literal('clear-faults'), emptyRetainBin: z.boolean().optional() }),
  z.object({ action: z.literal('jam') }),
  z.object({ action: z.literal('motor-error') }),
  z.object({ action: z.literal('ribbon-out') }),
  z.object({ action: z.literal('silent'), on: z.boolean() }),
  z.object({ action: z.literal('nak'), count: count.optional() }),
  z.object({ action: z.literal('corrupt-replies'), count: count.optional() }),
  z.object({ action: z.literal('cut-reply') }),
  z.object({ action: z.literal('garbage') }),
  z.object({ action: z.literal('slow-reply'), ms: delay }),
  z.object({ action: z.literal('power-cycle') }),
]);

export type DeviceName = 'id-reader' | 'printer' | 'certificate-unit';

/** What an action did, for the panel to show; `ok: false` when the simulator refused it. */
export interface ActionOutcome {
  readonly ok: boolean;
  readonly message: string;
}

const done = (message: string): ActionOutcome => ({ ok: true, message });

/** Validates and applies one panel action. Throws a ZodError on a malformed body. */
export function applyAction(devices: BenchDevices, device: DeviceName, body: unknown): ActionOutcome {
  switch (device) {
    case 'id-reader':
      return applyIdReader(devices, IdReaderAction.parse(body));
    case 'printer':
      return applyPrinter(devices.printer, PrinterAction.parse(body));
    case 'certificate-unit':
      return applyCertificateUnit(devices.certificateUnit, CertificateUnitAction.parse(body));
    default: {
      const unreachable: never = device;
      return unreachable;
    }
  }
}

function applyIdReader(devices: BenchDevices, action: z.infer<typeof IdReaderAction>): ActionOutcome {
  const sim = devices.idReader;
  switch (action.action) {
    case 'place': {
      const card = testCardNames.find((name) => name === action.card);
      if (!card) return { ok: false, message: `no test card ${action.card}` };
      sim.placeCard(card);
      return done(`card ${card} placed on the reader`);
    }
    case 'remove':
      sim.removeCard();
      return done('card taken off the reader');
    case 'fault':
      sim.injectFault({ kind: action.fault }, action.replies);
      return done(`fault ${action.fault}${action.replies ? ` for ${action.replies} replies` : ''}`);
    case 'result-code':
      sim.injectFault({ kind: 'result-code', sw3: action.sw3 }, action.replies);
      return done(`answering SW3 ${action.sw3.toString(16).toUpperCase().padStart(2, '0')}`);
    case 'clear-fault':
      sim.clearFault();
      return done('faults cleared');
    case 'delay':
      sim.setDelay(action.ms);
      return done(`replies delayed by ${action.ms} ms`);
    case 'unplug':
      sim.detach();
      return done('reader unplugged (silent)');
    case 'plug':
      if (!devices.pipes.idReader.isOpen) return { ok: false, message: 'the reader port is closed' };
      sim.attach(devices.pipes.idReader);
      return done('reader plugged back in');
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

function applyPrinter(sim: PrinterSimulator, action: z.infer<typeof PrinterAction>): ActionOutcome {
  switch (action.action) {
    case 'paper':
      sim.setPaper(action.level);
      return done(`paper ${action.level}`);
    case 'cover':
      sim.setCoverOpen(action.open);
      return done(`cover ${action.open ? 'open' : 'closed'}`);
    case 'offline':
      sim.setOffline(action.on);
      return done(`offline ${action.on}`);
    case 'error':
      sim.setError(action.cause, action.on);
      return done(`${action.cause} error ${action.on ? 'on' : 'off'}`);
    case 'silence':
      sim.silence(action.on);
      return done(`silence ${action.on}`);
    case 'garbage':
      sim.garbage(action.on);
      return done(`garbage replies ${action.on}`);
    case 'slow-reply':
      sim.slowReply(action.ms);
      return done(`replies delayed by ${action.ms} ms`);
    case 'paper-out-after':
      sim.paperOutAfter(action.bytes ?? undefined);
      return done(action.bytes === null ? 'paper-out trigger cleared' : `paper runs out after ${action.bytes} bytes`);
    case 'reset':
      sim.reset();
      return done('printer healthy again');
    case 'clear-jobs':
      sim.clearJobs();
      return done('recorded jobs cleared');
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

function applyCertificateUnit(sim: CertificateUnitSimulator, action: z.infer<typeof CertificateUnitAction>): ActionOutcome {
  switch (action.action) {
    case 'insert': {
      const permit = TEST_PERMITS[action.permit];
      if (!permit || !sim.insertCard(permit)) return { ok: false, message: 'the gate does not take a card now (insertion not enabled)' };
      return done(`permit ${permit.record.permitNumber} inserted`);
    }
    case 'take':
      return sim.takeCardFromGate() ? done('card taken from the gate') : { ok: false, message: 'no card in the gate' };
    case 'retain-bin-full':
      sim.fillRetainBin();
      return done('retain bin full');
    case 'clear-faults':
      sim.clearFaults({ emptyRetainBin: action.emptyRetainBin === true });
      return done(action.emptyRetainBin ? 'faults cleared, retain bin emptied' : 'faults cleared');
    case 'jam':
      sim.jam();
      return done('card jam');
    case 'motor-error':
      sim.motorError();
      return done('motor error');
    case 'ribbon-out':
      sim.ribbonOut();
      return done('ribbon out');
    case 'silent':
      sim.setSilent(action.on);
      return done(`silent ${action.on}`);
    case 'nak':
      sim.nakNextCommands(action.count ?? 1);
      return done(`NAK the next ${action.count ?? 1} commands`);
    case 'corrupt-replies':
      sim.corruptNextReplies(action.count ?? 1);
      return done(`corrupt the next ${action.count ?? 1} replies`);
    case 'cut-reply':
      sim.cutNextReply();
      return done('the next reply stops halfway');
    case 'garbage':
      void sim.sendGarbage(Uint8Array.of(0x13, 0x37, 0xaa, 0x55, 0x00, 0xff));
      return done('line noise sent');
    case 'slow-reply':
      sim.setReplyDelay(action.ms);
      return done(`replies delayed by ${action.ms} ms`);
    case 'power-cycle':
      sim.powerCycle();
      return done('power cycled');
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
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

/** The JSON the panel polls. */
export function snapshot(devices: BenchDevices): unknown {
  const cu = devices.certificateUnit.state;
  const jobs = devices.printer.jobs;
  return {
    idReader: { ...devices.idReader.state, testCards: testCardNames },
    printer: {
      ...devices.printer.state,
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
    },
    certificateUnit: {
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
    },
  };
}
