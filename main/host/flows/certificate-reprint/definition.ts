import type { StepRow } from '../../store/journal';
import type { FlowDefinition, FlowRecord, Recovery } from '../engine/flow-definition';
import { recordSteps } from '../payment/paid-flow-end';
import { type ReprintDeps, reprintEffects } from './effects';
import { reprintMachine } from './machine';
import type { ReprintContext, ReprintEvent } from './types';
import { reprintView } from './view';

export interface ReprintTimes {
  /** Seconds a citizen has for a choice. */
  readonly stepTimeoutS: number;
  /** Seconds for typing the 18-character ID number on the keypad. */
  readonly keypadTimeoutS: number;
  /** Seconds the end stays on screen. */
  readonly doneScreenS: number;
}

/**
 * After a crash, from the journal alone; the citizen's session is gone. Before the slip nothing
 * was taken in and nothing printed: the flow ends (a certificate central issued meanwhile is
 * central's already, printable again). A slip whose fate is unknown is never printed again for
 * nobody (it bears the full ID number and the photo), as the reissue's rule is.
 */
export function reprintRecovery(state: string): Recovery<ReprintContext> {
  switch (state) {
    case 'printingCertificate':
      return { goTo: 'completed', note: { slipFate: 'unknown', failureKey: 'reprint.failed.interrupted' } };
    default:
      return { goTo: 'ended', note: { failureKey: 'reprint.failed.interrupted' } };
  }
}

/** The outcome the record carries. */
function outcomeOf(state: string, context: ReprintContext): 'printed' | 'not-printed' | 'unknown' | 'ended' {
  if (state !== 'completed') return 'ended';
  return context.slipFate ?? 'unknown';
}

/** The one record central gets: which application and certificate, printed or not. No personal data. */
export function reprintRecord(state: string, context: ReprintContext, steps: readonly StepRow[]): FlowRecord {
  const outcome = outcomeOf(state, context);
  return {
    kind: 'certificate-reprint',
    payload: {
      outcome,
      applicationNo: context.applicationNo ?? null,
      certificateNo: context.certificateNo ?? null,
      printed: outcome === 'printed' ? true : outcome === 'unknown' ? null : false,
      validTo: context.validTo ?? null,
      badInputs: context.badInputs,
      failure: context.failureKey ?? null,
      steps: recordSteps(steps),
    },
    // The face that was verified before a certificate was printed, as the other services keep it.
    attachments: context.livePhoto ? [{ name: context.livePhoto.name, sha256: context.livePhoto.sha256, bytes: context.livePhoto.bytes }] : [],
  };
}

export function reprintFlow(deps: ReprintDeps, times: ReprintTimes): FlowDefinition<ReprintContext, ReprintEvent> {
  const after = (seconds: number) => (_: ReprintContext, now: number) => now + seconds * 1000;
  return {
    service: 'certificate-reprint',
    machine: reprintMachine,
    effects: reprintEffects(deps),
    deadlines: {
      enteringIdNumber: after(times.keypadTimeoutS),
      choosingApplication: after(times.stepTimeoutS),
      completed: after(times.doneScreenS),
      ended: after(times.doneScreenS),
    },
    recovery: reprintRecovery,
    view: reprintView,
    record: reprintRecord,
  };
}
