import type { FlowDefinition, FlowRecord, Recovery } from '../engine/flow-definition';
import { type ProgressQueryDeps, progressQueryEffects } from './effects';
import { progressQueryMachine } from './machine';
import type { ProgressQueryContext, ProgressQueryEvent } from './types';
import { progressQueryView } from './view';

export interface ProgressQueryTimes {
  /** Seconds for choosing the way in and for the card. */
  readonly stepTimeoutS: number;
  /** Seconds for typing one field on the keypad (an application number takes a while). */
  readonly keypadTimeoutS: number;
  /** Seconds the answer stays on screen before the session ends and wipes it. */
  readonly resultsScreenS: number;
  /** Seconds a failure or the end stays on screen. */
  readonly doneScreenS: number;
}

/** Nothing was paid or taken in: a query a crash interrupted simply ends. */
export function progressQueryRecovery(): Recovery<ProgressQueryContext> {
  return { goTo: 'ended', note: { outcome: 'interrupted', failureKey: 'progressQuery.failed.cancelled' } };
}

/** The one record central gets: an audit line, with nothing that identifies the citizen. */
export function progressQueryRecord(state: string, context: ProgressQueryContext): FlowRecord {
  return {
    kind: 'audit',
    payload: {
      action: 'progress-query',
      outcome: state === 'completed' ? 'found' : (context.outcome ?? 'cancelled'),
      method: context.method ?? null,
      count: state === 'completed' ? (context.applications?.length ?? 0) : 0,
      badInputs: context.badInputs,
    },
  };
}

export function progressQueryFlow(deps: ProgressQueryDeps, times: ProgressQueryTimes): FlowDefinition<ProgressQueryContext, ProgressQueryEvent> {
  const after = (seconds: number) => (_: ProgressQueryContext, now: number) => now + seconds * 1000;
  return {
    service: 'progress-query',
    machine: progressQueryMachine,
    effects: progressQueryEffects(deps),
    deadlines: {
      choosingMethod: after(times.stepTimeoutS),
      readingIdCard: after(times.stepTimeoutS),
      enteringApplicationNo: after(times.keypadTimeoutS),
      enteringLast4: after(times.keypadTimeoutS),
      failed: after(times.doneScreenS),
      completed: after(times.resultsScreenS),
      ended: after(times.doneScreenS),
    },
    recovery: progressQueryRecovery,
    view: progressQueryView,
    record: progressQueryRecord,
  };
}
