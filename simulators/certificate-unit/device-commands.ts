import {
  encodeInventory,
  encodePermitRecord,
  encodeRetainCounter,
  encodeUtf8,
  parseEndorsementWrite,
  parsePrintLines,
  parseSlot,
} from '../../drivers/certificate-unit/messages';
import type { UnitModel } from './state';

/** What the unit answers, before framing (the simulator adds ADDR, CM, PM and status bytes). */
export type DeviceReply =
  | { readonly kind: 'success'; readonly data?: Uint8Array }
  | { readonly kind: 'failure'; readonly code: string };

/** Which simulated duration a command takes. */
export type MotionKind = 'status' | 'init' | 'move' | 'rf' | 'print' | 'dispense';

export const FIRMWARE = 'CRT591-TB-SIM 1.0';

const ok = (data?: Uint8Array): DeviceReply => (data ? { kind: 'success', data } : { kind: 'success' });
const err = (code: string): DeviceReply => ({ kind: 'failure', code });

export function motionOf(cm: number, pm: number): MotionKind {
  switch (cm) {
    case 0x30:
      return 'init';
    case 0x32:
      return 'move';
    case 0x60:
      return 'rf';
    case 0x70:
      return 'print';
    case 0x80:
      // The inventory (80 31) is read from the slot sensors: no motion.
      return pm === 0x31 ? 'status' : 'dispense';
    default:
      return 'status';
  }
}

/** Commands that drive a motor: they fail while the transport is jammed or the motor is broken. */
function motorFault(model: UnitModel): DeviceReply | undefined {
  if (model.faults.jammed) return err('10');
  if (model.faults.motorError) return err('51');
  return undefined;
}

function init(model: UnitModel, pm: number): DeviceReply {
  if (pm !== 0x30 && pm !== 0x31 && pm !== 0x33) return err('01');
  const fault = motorFault(model);
  if (fault) return fault;
  const inside = model.location !== 'none' && model.location !== 'gate';
  if (pm === 0x31 && model.location !== 'none') {
    if (model.retainBinFull) return err('A1');
    model.retain();
  } else if (pm === 0x30 && inside) {
    model.location = 'holding';
  }
  model.initialised = true;
  model.entryEnabled = false;
  model.chipActive = false;
  return ok(encodeUtf8(FIRMWARE));
}

function move(model: UnitModel, pm: number): DeviceReply {
  if (![0x30, 0x31, 0x32, 0x33, 0x39].includes(pm)) return err('01');
  const fault = motorFault(model);
  if (fault) return fault;
  if (model.location === 'none' || !model.card) return err('02');
  model.chipActive = false;
  switch (pm) {
    case 0x30:
      model.location = 'holding';
      break;
    case 0x31:
      model.location = 'ic';
      break;
    case 0x32:
      model.location = 'rf';
      break;
    case 0x33:
      if (model.retainBinFull) return err('A1');
      model.retain();
      break;
    default:
      model.location = 'gate';
  }
  return ok();
}

function rf(model: UnitModel, pm: number, data: Uint8Array): DeviceReply {
  if (pm !== 0x30 && pm !== 0x35 && pm !== 0x36) return err('01');
  const card = model.card;
  if (!card || model.location === 'none') return err('61');
  if (model.location !== 'rf') return err('02');
  if (card.kind !== 'permit') return pm === 0x30 ? err('61') : err('62');
  if (model.faults.chipDead) return pm === 0x30 ? err('61') : err('63');
  if (pm === 0x30) {
    model.chipActive = true;
    return ok(card.uid);
  }
  if (!model.chipActive) return err('02');
  if (pm === 0x35) return ok(encodePermitRecord(card.permit));
  const endorsement = parseEndorsementWrite(data);
  if (!endorsement.ok) return err('04');
  if (model.faults.chipWriteFails) return err('63');
  // A new endorsement of the same type replaces the old one, as the chip keeps one per type.
  const endorsements = [...card.permit.endorsements.filter((e) => e.code !== endorsement.value.code), endorsement.value];
  model.card = { ...card, permit: { ...card.permit, endorsements } };
  return ok();
}

function print(model: UnitModel, pm: number, data: Uint8Array): DeviceReply {
  if (pm !== 0x30) return err('01');
  const fault = motorFault(model);
  if (fault) return fault;
  const card = model.card;
  if (!card || model.location !== 'holding') return err('02');
  if (card.kind !== 'permit') return err('03');
  const lines = parsePrintLines(data);
  if (!lines.ok) return err('04');
  if (model.faults.ribbonOut) return err('70');
  model.card = { ...card, printedLines: lines.value };
  return ok();
}

function magazine(model: UnitModel, pm: number, data: Uint8Array): DeviceReply {
  if (pm === 0x31) return ok(encodeInventory(model.magazine.map((c) => c !== undefined)));
  if (pm !== 0x30) return err('01');
  const slot = parseSlot(data);
  if (!slot.ok || slot.value < 1 || slot.value > model.magazine.length) return err('01');
  const fault = motorFault(model);
  if (fault) return fault;
  if (model.location !== 'none') return err('02');
  if (model.loadedSlots === 0) return err('A0');
  const certificate = model.magazine[slot.value - 1];
  if (!certificate) return err('80');
  model.magazine[slot.value - 1] = undefined;
  model.card = { kind: 'certificate', slot: slot.value, certificate };
  model.location = 'gate';
  return ok();
}

/** Runs one command against the model when its simulated motion completes. */
export function executeCommand(model: UnitModel, cm: number, pm: number, data: Uint8Array): DeviceReply {
  switch (cm) {
    case 0x30:
      return init(model, pm);
    case 0x31:
      if (pm === 0x30) return ok();
      if (pm === 0x31) return ok(encodeUtf8(model.sensors()));
      return err('01');
    case 0x32:
      return move(model, pm);
    case 0x33:
      if (pm !== 0x30 && pm !== 0x31) return err('01');
      model.entryEnabled = pm === 0x30;
      return ok();
    case 0xa5:
      return pm === 0x30 ? ok(encodeRetainCounter(model.retainCount)) : err('01');
    case 0x60:
      return rf(model, pm, data);
    case 0x70:
      return print(model, pm, data);
    case 0x80:
      return magazine(model, pm, data);
    default:
      return err('00');
  }
}
