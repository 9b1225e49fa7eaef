import { randomUUID } from 'node:crypto';
import { assign, setup } from 'xstate';
import type { PickupField } from '../../../api/contract';
import { confirmProblem, idNumberTypingProblem, isPickupCode, keyFits, typeKey } from './input';
import type { PickupContext, PickupEvent, PickupInput } from './types';

const endWith = (failureKey: string) => ({ target: 'ended', actions: { type: 'fail', params: { failureKey } } }) as const;
/** Before the certificate moves, the citizen may leave at any step; nothing is handed over. */
const citizenLeaves = { CANCEL: endWith('pickup.failed.cancelled'), TIMEOUT: endWith('pickup.failed.timedOut') } as const;
const failFromEvent = { type: 'failFromEvent' } as const;
/** A failed check of the citizen or the certificate ends the transaction: nothing left the magazine. */
const failures = { FAILED: { target: 'ended', actions: failFromEvent }, EFFECT_FAILED: { target: 'ended', actions: failFromEvent } } as const;
const today = (context: PickupContext) => new Date(context.startedAtMs);
const FIELD_KEY = { idNumber: 'idNumber', pickupCode: 'pickupCode' } as const;
type FieldParams = { readonly field: PickupField };

/** The keypad of one field: keys that fit are typed and checked as typed; confirm goes on or says why not. */
function keypadField(field: PickupField, next: string) {
  const params = { field };
  return {
    KEY: { guard: { type: 'keyFits', params }, actions: { type: 'typeKey', params } },
    CONFIRM: [
      { guard: { type: 'entryComplete', params }, target: next, actions: 'clearMessage' },
      { actions: { type: 'refuseEntry', params } },
    ],
  } as const;
}

/**
 * Certificate pickup (取证) as a statechart: the way in (the ID number typed, or the receipt's
 * pickup code typed or scanned and then the ID number), the face with liveness checked by central,
 * the certificate matched against the kiosk's list and the unit's magazine, moved from its slot
 * to the gate, taken or retained. Nothing is paid. The rule it encodes: the certificate moves only
 * for the verified holder, and once it has moved it is either taken or retained, and recorded.
 */
export const pickupMachine = setup({
  types: {
    context: {} as PickupContext,
    events: {} as PickupEvent,
    input: {} as PickupInput,
  },
  guards: {
    keyFits: ({ context, event }, { field }: FieldParams) => event.type === 'KEY' && keyFits(field, context[FIELD_KEY[field]], event.key),
    entryComplete: ({ context }, { field }: FieldParams) => confirmProblem(field, context[FIELD_KEY[field]], today(context)) === undefined,
  },
  actions: {
    typeKey: assign(({ context, event }, { field }: FieldParams) => {
      const typed = typeKey(context[FIELD_KEY[field]], event.type === 'KEY' ? event.key : '');
      return { [FIELD_KEY[field]]: typed, inputMessageKey: field === 'idNumber' ? idNumberTypingProblem(typed, today(context)) : undefined };
    }),
    refuseEntry: assign(({ context }, { field }: FieldParams) => ({
      inputMessageKey: confirmProblem(field, context[FIELD_KEY[field]], today(context)),
      badInputs: context.badInputs + 1,
    })),
    clearMessage: assign({ inputMessageKey: undefined }),
    fail: assign((_, params: { failureKey: string }) => ({ failureKey: params.failureKey })),
    failFromEvent: assign(({ context, event }) =>
      event.type === 'FAILED' ? { failureKey: event.failureKey, staffAction: event.staffAction, certificate: event.certificate ?? context.certificate } : { failureKey: 'pickup.failed.deviceFault', staffAction: 'check-unit' as const },
    ),
    /** Where the certificate went; one nobody can place is for staff to find. */
    learnFate: assign(({ event }) =>
      event.type === 'CERTIFICATE_OUT' && event.fate !== 'unknown'
        ? { fate: event.fate }
        : { fate: 'unknown' as const, staffAction: 'find-certificate' as const, failureKey: 'pickup.failed.handOverUnknown' },
    ),
    /**
     * The unit failed after the certificate left its slot: whatever the device said, the citizen
     * is told the hand-over's end is unknown and where to go (the device's own words, e.g. "has a
     * fault", would leave them waiting at a gate that may hold their certificate).
     */
    lostTrack: assign({ dispensed: true, fate: 'unknown' as const, staffAction: 'find-certificate' as const, failureKey: 'pickup.failed.handOverUnknown' }),
    /** What identifies the citizen is forgotten as the transaction ends (the record holds none of it). */
    forgetIdentity: assign({ idNumber: '', pickupCode: '', inputMessageKey: undefined }),
  },
}).createMachine({
  id: 'certificate-pickup',
  initial: 'choosingMethod',
  context: ({ input }) => ({
    ...input,
    transactionNo: `${input.kioskId}-${new Date(input.startedAtMs).toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 6).toUpperCase()}`,
    idNumber: '',
    pickupCode: '',
    badInputs: 0,
    dispensed: false,
  }),
  states: {
    choosingMethod: {
      on: {
        CHOOSE: [
          { guard: ({ event }) => event.index === 0, target: 'enteringIdNumber', actions: assign({ method: 'id-number' }) },
          { guard: ({ event }) => event.index === 1, target: 'enteringPickupCode', actions: assign({ method: 'pickup-code' }) },
        ],
        ...citizenLeaves,
      },
    },
    enteringPickupCode: {
      on: {
        ...keypadField('pickupCode', 'enteringIdNumber'),
        CODE_SCANNED: { guard: ({ event }) => isPickupCode(event.code), target: 'enteringIdNumber', actions: assign({ pickupCode: ({ event }) => event.code, inputMessageKey: undefined }) },
        ...citizenLeaves,
      },
    },
    enteringIdNumber: { on: { ...keypadField('idNumber', 'capturingFace'), ...citizenLeaves } },
    capturingFace: {
      on: { FACE_CAPTURED: { target: 'verifyingIdentity', actions: assign({ livePhoto: ({ event }) => event.photo }) }, ...failures, CANCEL: endWith('pickup.failed.cancelled') },
    },
    verifyingIdentity: {
      on: { VERIFIED: { target: 'findingCertificate', actions: assign({ personId: ({ event }) => event.personId }) }, ...failures, CANCEL: endWith('pickup.failed.cancelled') },
    },
    /** The kiosk's list from central, matched by hashes, and the slot checked in the unit's inventory. */
    findingCertificate: {
      on: {
        // Matched: the number and the code are not needed any more, so they are forgotten now.
        MATCHED: { target: 'dispensing', actions: [assign({ certificate: ({ event }) => event.certificate, retainCountBefore: ({ event }) => event.retainCount }), 'forgetIdentity'] },
        ...failures,
        CANCEL: endWith('pickup.failed.cancelled'),
      },
    },
    /** The unit moves the certificate from its slot to the gate. No way back from here but the gate or the bin. */
    dispensing: {
      on: {
        DISPENSED: { target: 'handingOver', actions: assign({ dispensed: true }) },
        // The unit said the slot is empty: nothing moved.
        FAILED: [
          { guard: ({ event }) => event.staffAction === 'check-magazine', target: 'ended', actions: failFromEvent },
          // Any other failure (a jam, no answer) may have left the certificate anywhere: look.
          { target: 'recheckingDispense', actions: failFromEvent },
        ],
        EFFECT_FAILED: { target: 'recheckingDispense', actions: failFromEvent },
      },
    },
    /** After a failed dispense or a restart in `dispensing`: did the certificate leave its slot, and where is it now? */
    recheckingDispense: {
      on: {
        DISPENSED: { target: 'handingOver', actions: assign({ dispensed: true }) },
        NOT_DISPENSED: { target: 'ended', actions: assign({ failureKey: ({ context }) => context.failureKey ?? 'pickup.failed.interrupted' }) },
        CERTIFICATE_OUT: { target: 'completed', actions: [assign({ dispensed: true }), 'learnFate'] },
        // Not even the unit can say: staff find it.
        FAILED: { target: 'completed', actions: [failFromEvent, 'lostTrack'] },
        EFFECT_FAILED: { target: 'completed', actions: [failFromEvent, 'lostTrack'] },
      },
    },
    /** In the gate: taken, or retained after the take-back time. */
    handingOver: {
      on: {
        CERTIFICATE_OUT: { target: 'completed', actions: 'learnFate' },
        FAILED: { target: 'completed', actions: [failFromEvent, 'lostTrack'] },
        EFFECT_FAILED: { target: 'completed', actions: [failFromEvent, 'lostTrack'] },
      },
    },
    /** The certificate left the magazine: taken, retained or (staff look) not known where. */
    completed: { type: 'final', entry: 'forgetIdentity' },
    /** Not handed over: the certificate is still assigned to its holder. */
    ended: { type: 'final', entry: 'forgetIdentity' },
  },
});
