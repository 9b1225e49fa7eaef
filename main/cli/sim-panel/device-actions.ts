/**
 * What the technician panel may do to each simulated device, validated with zod, applied through
 * the simulators' public APIs only. A device that is not simulated here is left alone.
 */
import { z } from 'zod';
import { type CertificateUnitSimulator, TEST_PERMITS, UNLOADED_CERTIFICATE } from '../../../simulators/certificate-unit/index';
import { testCardNames } from '../../../simulators/id-reader/test-cards';
import type { PrinterSimulator } from '../../../simulators/printer/index';
import type { PanelDevices } from './bench-devices';
import { applyCameraAction } from './camera-actions';
import { applyCentralAction } from './central-actions';

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
  // Field staff at the open magazine (maintenance mode's loading).
  z.object({ action: z.literal('magazine-unload'), slot: z.number().int().min(1).max(999) }),
  z.object({ action: z.literal('magazine-load-unloaded') }),
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

export type DeviceName = 'id-reader' | 'printer' | 'certificate-unit' | 'central' | 'camera';

/** What an action did, for the panel to show; `ok: false` when the simulator refused it. */
export interface ActionOutcome {
  readonly ok: boolean;
  readonly message: string;
}

const done = (message: string): ActionOutcome => ({ ok: true, message });

/**
 * Validates and applies one panel action; undefined when that device is not simulated here.
 * Throws a ZodError on a malformed body.
 */
export function applyAction(devices: PanelDevices, device: DeviceName, body: unknown): ActionOutcome | undefined {
  switch (device) {
    case 'id-reader':
      return devices.idReader && applyIdReader(devices, IdReaderAction.parse(body));
    case 'printer':
      return devices.printer && applyPrinter(devices.printer, PrinterAction.parse(body));
    case 'certificate-unit':
      return devices.certificateUnit && applyCertificateUnit(devices.certificateUnit, CertificateUnitAction.parse(body));
    case 'central':
      return devices.central && applyCentralAction(devices.central, body);
    case 'camera':
      return devices.camera && applyCameraAction(devices.camera, body);
    default: {
      const unreachable: never = device;
      return unreachable;
    }
  }
}

function applyIdReader(devices: PanelDevices, action: z.infer<typeof IdReaderAction>): ActionOutcome {
  const sim = devices.idReader!;
  const pipe = devices.pipes?.idReader;
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
      // Over a pty the simulator goes quiet; in process the link itself is cut, as a pulled cable.
      if (pipe) sim.detach();
      else sim.disconnect();
      return done(pipe ? 'reader unplugged (silent)' : 'reader unplugged');
    case 'plug':
      // In process, the kiosk's driver plugs a fresh link in when it reconnects.
      if (!pipe) return { ok: false, message: 'the in-process reader is plugged back in by the kiosk when it reconnects' };
      if (!pipe.isOpen) return { ok: false, message: 'the reader port is closed' };
      sim.attach(pipe);
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
    case 'magazine-unload':
      return sim.unloadMagazineSlot(action.slot) ? done(`slot ${action.slot} emptied by hand`) : { ok: false, message: `slot ${action.slot} holds nothing` };
    case 'magazine-load-unloaded': {
      const slot = sim.state.magazine.findIndex((certificate) => certificate === undefined) + 1;
      if (slot === 0 || !sim.loadMagazineSlot(slot, UNLOADED_CERTIFICATE)) return { ok: false, message: 'no empty slot in the magazine' };
      return done(`${UNLOADED_CERTIFICATE.serial} put into slot ${slot}`);
    }
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
