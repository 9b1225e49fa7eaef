import { assign, setup } from 'xstate';
import { isApplicationNo, isIdNumberLast4, keyFits, typeKey } from './input';
import type { ProgressQueryContext, ProgressQueryEvent, ProgressQueryInput, QueryOutcome } from './types';

const end = (outcome: QueryOutcome, failureKey: string) => ({ target: 'ended', actions: { type: 'endWith', params: { outcome, failureKey } } }) as const;
const citizenLeaves = {
  CANCEL: end('cancelled', 'progressQuery.failed.cancelled'),
  TIMEOUT: end('timed-out', 'progressQuery.failed.timedOut'),
} as const;
const failFromEvent = { type: 'failFromEvent' } as const;
/** What identifies the citizen is forgotten as soon as central has answered (or the query ends). */
const forgetIdentity = { type: 'forgetIdentity' } as const;

/**
 * The progress query (进度查询) as a statechart: the way in (ID card, or application number and the
 * ID number's last 4 typed on the keypad, checked here before any call), one central query, the
 * answer shown for a limited time. Nothing is paid or taken in; the only record is an audit line.
 */
export const progressQueryMachine = setup({
  types: {
    context: {} as ProgressQueryContext,
    events: {} as ProgressQueryEvent,
    input: {} as ProgressQueryInput,
  },
  actions: {
    endWith: assign((_, params: { outcome: QueryOutcome; failureKey: string }) => params),
    failFromEvent: assign(({ event }) =>
      event.type === 'FAILED' ? { failureKey: event.failureKey, outcome: event.outcome } : { failureKey: 'progressQuery.failed.centralUnreachable', outcome: 'central-unreachable' as const },
    ),
    forgetIdentity: assign({ idNumber: undefined, idNumberLast4: '' }),
  },
}).createMachine({
  id: 'progress-query',
  initial: 'choosingMethod',
  context: ({ input }) => ({ ...input, applicationNo: '', idNumberLast4: '', badInputs: 0 }),
  states: {
    choosingMethod: {
      on: {
        CHOOSE: [
          { guard: ({ context, event }) => event.index === 0 && context.idCardAvailable, target: 'readingIdCard', actions: assign({ method: 'id-card' }) },
          { guard: ({ event }) => event.index === 1, target: 'enteringApplicationNo', actions: assign({ method: 'application-no' }) },
        ],
        ...citizenLeaves,
      },
    },
    readingIdCard: {
      on: {
        ID_CARD_READ: { target: 'querying', actions: assign({ idNumber: ({ event }) => event.idNumber }) },
        FAILED: { target: 'failed', actions: failFromEvent },
        EFFECT_FAILED: { target: 'failed', actions: assign({ failureKey: 'errors.readerOutOfService', outcome: 'reader-failed' }) },
        ...citizenLeaves,
      },
    },
    enteringApplicationNo: {
      on: {
        KEY: {
          guard: ({ context, event }) => keyFits('applicationNo', context.applicationNo, event.key),
          actions: assign({ applicationNo: ({ context, event }) => typeKey(context.applicationNo, event.key), inputMessageKey: undefined }),
        },
        CONFIRM: [
          { guard: ({ context }) => isApplicationNo(context.applicationNo), target: 'enteringLast4', actions: assign({ inputMessageKey: undefined }) },
          { actions: assign({ inputMessageKey: 'progressQuery.input.badApplicationNo', badInputs: ({ context }) => context.badInputs + 1 }) },
        ],
        ...citizenLeaves,
      },
    },
    enteringLast4: {
      on: {
        KEY: {
          guard: ({ context, event }) => keyFits('idNumberLast4', context.idNumberLast4, event.key),
          actions: assign({ idNumberLast4: ({ context, event }) => typeKey(context.idNumberLast4, event.key), inputMessageKey: undefined }),
        },
        CONFIRM: [
          { guard: ({ context }) => isIdNumberLast4(context.idNumberLast4), target: 'querying', actions: assign({ inputMessageKey: undefined }) },
          { actions: assign({ inputMessageKey: 'progressQuery.input.badLast4', badInputs: ({ context }) => context.badInputs + 1 }) },
        ],
        ...citizenLeaves,
      },
    },
    querying: {
      on: {
        RESULTS: { target: 'completed', actions: assign({ applications: ({ event }) => event.applications, outcome: 'found' }) },
        FAILED: { target: 'failed', actions: failFromEvent },
        EFFECT_FAILED: { target: 'failed', actions: failFromEvent },
        CANCEL: end('cancelled', 'progressQuery.failed.cancelled'),
      },
    },
    /** Something went wrong: the citizen may try again (another way in) or leave. */
    failed: {
      entry: forgetIdentity,
      on: {
        RETRY: { target: 'choosingMethod', actions: assign({ applicationNo: '', idNumberLast4: '', inputMessageKey: undefined, failureKey: undefined, outcome: undefined }) },
        CANCEL: 'ended',
        TIMEOUT: 'ended',
      },
    },
    /** The answer, shown until its deadline or "done"; the session then ends and wipes it. */
    completed: { type: 'final', entry: forgetIdentity },
    ended: { type: 'final', entry: [forgetIdentity, assign({ applications: undefined })] },
  },
});
