import type { StepRow } from '../../store/journal';
import type { FlowDefinition, FlowRecord, Recovery } from '../engine/flow-definition';
import { type PickupDeps, pickupEffects } from './effects';
import { pickupMachine } from './machine';
import type { PickupContext, PickupEvent } from './types';
import { pickupView } from './view';

export interface PickupTimes {
  /** Seconds for choosing the way in. */
  readonly stepTimeoutS: number;
  /** Seconds for typing one field on the keypad. */
  readonly keypadTimeoutS: number;
  /** Seconds the end stays on screen. */
  readonly doneScreenS: number;
}

/**
 * After a crash, from the journal alone. Before the dispense nothing has moved: the transaction
 * ends and the certificate stays assigned. A dispense that may have happened is checked in the
 * unit (gate, slot, retain counter); a hand-over is resumed: its effect looks at the gate first.
 */
export function pickupRecovery(state: string): Recovery<PickupContext> {
  switch (state) {
    case 'dispensing':
      return { goTo: 'recheckingDispense' };
    case 'recheckingDispense':
    case 'handingOver':
      return 'resume';
    default:
      return { goTo: 'ended', note: { failureKey: 'pickup.failed.interrupted', idNumber: '', pickupCode: '' } };
  }
}

/** What the record says happened; `dispensed` tells central the certificate left the magazine. */
function outcomeOf(state: string, context: PickupContext): 'collected' | 'retained' | 'unknown' | 'not-collected' {
  if (state !== 'completed') return 'not-collected';
  return context.fate === 'taken' ? 'collected' : context.fate === 'retained' ? 'retained' : 'unknown';
}

/** The one record central gets, without the ID number or the code; a retained certificate also gets a `card-retained` record. */
export function pickupRecord(state: string, context: PickupContext, steps: readonly StepRow[]): FlowRecord {
  const certificate = context.certificate;
  return {
    kind: 'certificate-pickup',
    payload: {
      outcome: outcomeOf(state, context),
      transactionNo: context.transactionNo,
      method: context.method ?? null,
      personId: context.personId ?? null,
      certificateId: certificate?.certificateId ?? null,
      certificateKind: certificate?.kind ?? null,
      slot: certificate?.slot ?? null,
      dispensed: context.dispensed,
      fate: context.fate ?? null,
      failure: context.failureKey ?? null,
      staffAction: context.staffAction ?? null,
      badInputs: context.badInputs,
      steps: steps.map((step) => ({ n: step.n, state: step.state, at: new Date(step.at).toISOString(), effect: step.effect })),
    },
    attachments: context.livePhoto ? [{ name: context.livePhoto.name, sha256: context.livePhoto.sha256, bytes: context.livePhoto.bytes }] : [],
    sideRecords:
      context.fate === 'retained'
        ? [{ kind: 'card-retained', payload: { card: 'certificate', certificateId: certificate?.certificateId ?? null, slot: certificate?.slot ?? null, reason: 'not-taken', transactionNo: context.transactionNo } }]
        : [],
  };
}

export function pickupFlow(deps: PickupDeps, times: PickupTimes): FlowDefinition<PickupContext, PickupEvent> {
  const after = (seconds: number) => (_: PickupContext, now: number) => now + seconds * 1000;
  return {
    service: 'certificate-pickup',
    machine: pickupMachine,
    effects: pickupEffects(deps),
    deadlines: {
      choosingMethod: after(times.stepTimeoutS),
      enteringPickupCode: after(times.keypadTimeoutS),
      enteringIdNumber: after(times.keypadTimeoutS),
      handingOver: (_, now) => now + deps.takeBackTimeoutMs,
      completed: after(times.doneScreenS),
      ended: after(times.doneScreenS),
    },
    // The gate's own take-back wait (the unit retains the certificate then).
    fixedDeadlines: ['handingOver'],
    deviceWaits: ['handingOver'],
    recovery: pickupRecovery,
    view: pickupView,
    record: pickupRecord,
  };
}
