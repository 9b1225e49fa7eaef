import { randomUUID } from 'node:crypto';
import { assign, setup } from 'xstate';
import type { EndorsementContext, EndorsementEvent, EndorsementInput } from './types';

/** Sets why the service was not delivered (an i18n key). */
const failWith = (key: string) => ({ type: 'fail', params: { key } }) as const;
const failFromEvent = { type: 'failFromEvent' } as const;

/** Before any money moved, every way out hands the permit back (or keeps it if not taken). */
const beforePayment = {
  FAILED: { target: 'returningPermit', actions: failFromEvent },
  EFFECT_FAILED: { target: 'returningPermit', actions: failWith('endorsement.failed.deviceFault') },
  CANCEL: { target: 'returningPermit', actions: failWith('endorsement.failed.cancelled') },
} as const;

/**
 * The HK/Macau endorsement (港澳签注) as a statechart. Flat states; each state that touches the
 * world has an effect (effects.ts) whose result event moves it on. The rule it encodes: before
 * payment every way out hands the permit back; after payment every path ends in `completed`
 * (delivered) or `refunded` (refund recorded, failure receipt printed), never anywhere else.
 */
export const endorsementMachine = setup({
  types: {
    context: {} as EndorsementContext,
    events: {} as EndorsementEvent,
    input: {} as EndorsementInput,
  },
  actions: {
    fail: assign((_, params: { key: string }) => ({ failureKey: params.key })),
    failFromEvent: assign(({ event }) => ({ failureKey: event.type === 'FAILED' ? event.failureKey : 'endorsement.failed.deviceFault' })),
    /**
     * A payment created before a crash (or whose answer was lost) is only known to the step that
     * closes it: keep it, so a refund knows what to refund and the record says which payment it was.
     */
    learnPayment: assign(({ context, event }) => ({
      payment: (event.type === 'PAID' || event.type === 'PAYMENT_CLOSED') && event.payment ? event.payment : context.payment,
    })),
  },
}).createMachine({
  id: 'hk-macau-endorsement',
  initial: 'insertPermit',
  context: ({ input }) => ({
    ...input,
    transactionNo: `${input.kioskId}-${new Date(input.startedAtMs).toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 6).toUpperCase()}`,
    permitIn: false,
    paid: false,
    refunded: false,
    written: false,
    cardBackPrinted: false,
    receiptPrinted: false,
    paymentSettled: false,
  }),
  states: {
    insertPermit: {
      on: {
        PERMIT_IN: { target: 'readingPermit', actions: assign({ permitIn: true, retainCountAtInsert: ({ event }) => event.retainCount }) },
        TIMEOUT: { target: 'returningPermit', actions: failWith('endorsement.failed.timedOut') },
        ...beforePayment,
      },
    },
    readingPermit: {
      on: { PERMIT_READ: { target: 'readingIdCard', actions: assign({ permit: ({ event }) => event.permit }) }, ...beforePayment },
    },
    /** The resident ID card on the reader: central checks the permit belongs to its holder. */
    readingIdCard: {
      on: {
        ID_CARD_READ: { target: 'capturingFace', actions: assign({ idNumber: ({ event }) => event.idNumber }) },
        TIMEOUT: { target: 'returningPermit', actions: failWith('endorsement.failed.timedOut') },
        ...beforePayment,
      },
    },
    capturingFace: {
      on: { FACE_CAPTURED: { target: 'verifyingIdentity', actions: assign({ livePhoto: ({ event }) => event.photo }) }, ...beforePayment },
    },
    verifyingIdentity: {
      on: {
        VERIFIED: { target: 'checkingEligibility', actions: assign({ person: ({ event }) => ({ personId: event.personId, maskedName: event.maskedName }) }) },
        ...beforePayment,
      },
    },
    checkingEligibility: {
      on: { ELIGIBLE: { target: 'choosing', actions: assign({ options: ({ event }) => event.options }) }, ...beforePayment },
    },
    choosing: {
      on: {
        CHOOSE: {
          guard: ({ context, event }) => event.index >= 0 && event.index < (context.options?.length ?? 0),
          target: 'creatingPayment',
          // The key is made here, in the transition, so it is journaled before POST /payments.
          actions: assign({ chosen: ({ context, event }) => context.options?.[event.index], paymentKey: () => randomUUID() }),
        },
        TIMEOUT: { target: 'returningPermit', actions: failWith('endorsement.failed.timedOut') },
        ...beforePayment,
      },
    },
    creatingPayment: {
      on: { PAYMENT_CREATED: { target: 'awaitingPayment', actions: assign({ payment: ({ event }) => event.payment }) }, ...beforePayment },
    },
    awaitingPayment: {
      on: {
        PAID: { target: 'writing', actions: assign({ paid: true, paymentSettled: true }) },
        PAYMENT_CLOSED: { target: 'returningPermit', actions: [assign({ paymentSettled: true }), failWith('endorsement.failed.paymentExpired')] },
        CANCEL: { target: 'cancellingPayment', actions: failWith('endorsement.failed.cancelled') },
        TIMEOUT: { target: 'cancellingPayment', actions: failWith('endorsement.failed.paymentExpired') },
        FAILED: { target: 'cancellingPayment', actions: failFromEvent },
        EFFECT_FAILED: { target: 'cancellingPayment', actions: failWith('endorsement.failed.paymentFailed') },
      },
    },
    /** Closes the payment; one paid meanwhile is served after all. */
    cancellingPayment: {
      on: {
        PAID: { target: 'writing', actions: ['learnPayment', assign({ paid: true, paymentSettled: true, failureKey: () => undefined })] },
        PAYMENT_CLOSED: { target: 'returningPermit', actions: ['learnPayment', assign({ paymentSettled: true })] },
        // Central cannot say: hand the permit back now, settle the payment afterwards.
        FAILED: 'returningPermit',
        EFFECT_FAILED: 'returningPermit',
      },
    },
    writing: {
      on: {
        WRITTEN: { target: 'printingCardBack', actions: assign({ written: true }) },
        FAILED: { target: 'refunding', actions: failWith('endorsement.failed.writeFailedRefunded') },
        EFFECT_FAILED: { target: 'refunding', actions: failWith('endorsement.failed.writeFailedRefunded') },
      },
    },
    printingCardBack: {
      on: {
        // The endorsement is on the chip: a card-back print failure does not undo the service.
        CARD_BACK_DONE: { target: 'handingBack', actions: assign({ cardBackPrinted: ({ event }) => event.printed }) },
        FAILED: 'handingBack',
        EFFECT_FAILED: 'handingBack',
      },
    },
    handingBack: {
      on: {
        PERMIT_OUT: { target: 'printingReceipt', actions: assign({ permitFate: ({ event }) => event.fate }) },
        FAILED: { target: 'printingReceipt', actions: assign({ permitFate: 'unknown' }) },
        EFFECT_FAILED: { target: 'printingReceipt', actions: assign({ permitFate: 'unknown' }) },
      },
    },
    printingReceipt: {
      on: {
        RECEIPT_DONE: { target: 'completed', actions: assign({ receiptPrinted: ({ event }) => event.printed }) },
        EFFECT_FAILED: 'completed',
      },
    },
    /** Paid and not delivered: the refund is made (its effect keeps trying until central has it). */
    refunding: {
      entry: assign({ refundKey: ({ context }) => context.refundKey ?? randomUUID() }),
      on: {
        REFUNDED: { target: 'printingFailureReceipt', actions: assign({ refunded: true, paymentSettled: true }) },
        REFUND_REFUSED: {
          target: 'printingFailureReceipt',
          actions: [assign({ refundRefused: true, paymentSettled: true }), failWith('endorsement.failed.refundRefused')],
        },
      },
    },
    printingFailureReceipt: {
      on: {
        RECEIPT_DONE: { target: 'returningPermit', actions: assign({ receiptPrinted: ({ event }) => event.printed }) },
        EFFECT_FAILED: 'returningPermit',
      },
    },
    returningPermit: {
      on: {
        PERMIT_OUT: { target: 'settlingPayment', actions: assign({ permitFate: ({ event }) => event.fate }) },
        FAILED: { target: 'settlingPayment', actions: assign({ permitFate: 'unknown' }) },
        EFFECT_FAILED: { target: 'settlingPayment', actions: assign({ permitFate: 'unknown' }) },
      },
    },
    /**
     * A payment whose end is not known yet is closed here, however long central takes; one that
     * turns out paid is refunded. Nothing leaves this state with money unaccounted for.
     */
    settlingPayment: {
      always: [
        { guard: ({ context }) => context.refunded, target: 'refunded' },
        { guard: ({ context }) => context.refundRefused === true, target: 'refundRefused' },
        { guard: ({ context }) => !context.paymentKey || context.paymentSettled, target: 'ended' },
      ],
      on: {
        PAYMENT_CLOSED: { target: 'ended', actions: ['learnPayment', assign({ paymentSettled: true })] },
        PAID: { target: 'refundingLate', actions: ['learnPayment', assign({ paid: true, failureKey: 'endorsement.failed.writeFailedRefunded' })] },
      },
    },
    refundingLate: {
      entry: assign({ refundKey: ({ context }) => context.refundKey ?? randomUUID() }),
      on: {
        REFUNDED: { target: 'refunded', actions: assign({ refunded: true, paymentSettled: true }) },
        REFUND_REFUSED: { target: 'refundRefused', actions: [assign({ refundRefused: true, paymentSettled: true }), failWith('endorsement.failed.refundRefused')] },
      },
    },
    completed: { type: 'final' },
    refunded: { type: 'final' },
    ended: { type: 'final' },
    /** Paid, not delivered, refund refused by central: the record asks a person to settle it. */
    refundRefused: { type: 'final' },
  },
});

export const ENDORSEMENT_FINAL_STATES = ['completed', 'refunded', 'ended', 'refundRefused'] as const;
