import { randomInt, randomUUID } from 'node:crypto';
import { assign, setup } from 'xstate';
import { deliveryChoices } from './delivery';
import { idNumberKeypad } from '../typed-identity/id-number-keypad';
import { type IdReissueContext, type IdReissueEvent, type IdReissueInput, REISSUE_REASONS } from './types';

/** Sets why the service was not delivered (an i18n key). */
const failWith = (key: string) => ({ type: 'fail', params: { key } }) as const;
const failFromEvent = { type: 'failFromEvent' } as const;
const end = (key: string) => ({ target: 'ended', actions: failWith(key) }) as const;

/** Before any payment, every way out simply ends: nothing was taken in, nothing is owed. */
const beforePayment = {
  FAILED: { target: 'ended', actions: failFromEvent },
  EFFECT_FAILED: end('idReissue.failed.deviceFault'),
  CANCEL: end('idReissue.failed.cancelled'),
} as const;
const citizenStep = { ...beforePayment, TIMEOUT: end('idReissue.failed.timedOut') } as const;

/** Eight digits the citizen shows to pick the card up; made when paid, printed on the receipt. */
const newPickupCode = () => String(randomInt(0, 100_000_000)).padStart(8, '0');

/**
 * The ID card reissue (身份证补领) as a statechart: the ID number typed and checked on the kiosk,
 * face and identity at central, the citizen confirms the masked name, reason, eligibility, photo,
 * delivery, payment, then the temporary certificate, the receipt and the certificate slip. Before
 * payment every way out ends with nothing owed; after payment every path ends in `completed`
 * (the application stands) or `refunded` (refund recorded, failure receipt printed).
 */
export const idReissueMachine = setup({
  types: {
    context: {} as IdReissueContext,
    events: {} as IdReissueEvent,
    input: {} as IdReissueInput,
  },
  actions: {
    fail: assign((_, params: { key: string }) => ({ failureKey: params.key })),
    failFromEvent: assign(({ event }) => ({ failureKey: event.type === 'FAILED' ? event.failureKey : 'idReissue.failed.deviceFault' })),
    learnPayment: assign(({ context, event }) => ({
      payment: (event.type === 'PAID' || event.type === 'PAYMENT_CLOSED') && event.payment ? event.payment : context.payment,
    })),
    /** Paid: the pickup code and the certificate's key are made in this transition, so both are journaled before use. */
    paid: assign(({ context }) => ({
      paid: true,
      paymentSettled: true,
      failureKey: undefined,
      pickupCode: context.pickupCode ?? newPickupCode(),
      certificateKey: context.certificateKey ?? randomUUID(),
    })),
    /** What the citizen typed and central's certificate go as soon as the flow has ended. */
    wipe: assign({ typed: '', certificate: undefined }),
  },
}).createMachine({
  id: 'id-reissue',
  initial: 'enteringIdNumber',
  context: ({ input }) => ({
    ...input,
    typed: '',
    badInputs: 0,
    identityConfirmed: false,
    paid: false,
    refunded: false,
    paymentSettled: false,
    receiptPrinted: false,
  }),
  states: {
    /** The on-screen keypad; the number is checked here, before central hears anything. */
    enteringIdNumber: {
      on: {
        ...idNumberKeypad<IdReissueContext, IdReissueEvent>('capturingFace'),
        CANCEL: end('idReissue.failed.cancelled'),
        TIMEOUT: end('idReissue.failed.timedOut'),
      },
    },
    capturingFace: {
      on: { FACE_CAPTURED: { target: 'verifyingIdentity', actions: assign({ livePhoto: ({ event }) => event.photo }) }, ...beforePayment },
    },
    verifyingIdentity: {
      on: {
        VERIFIED: { target: 'confirmingIdentity', actions: assign({ person: ({ event }) => ({ personId: event.personId, maskedName: event.maskedName }) }) },
        ...beforePayment,
      },
    },
    /** The registry's name, masked: "this is me" goes on, "not me" ends politely. */
    confirmingIdentity: {
      on: {
        CHOOSE: [
          { guard: ({ event }) => event.index === 0, target: 'choosingReason', actions: assign({ identityConfirmed: true }) },
          { guard: ({ event }) => event.index === 1, ...end('idReissue.failed.notMe') },
        ],
        CONFIRM: { target: 'choosingReason', actions: assign({ identityConfirmed: true }) },
        ...citizenStep,
      },
    },
    choosingReason: {
      on: {
        CHOOSE: {
          guard: ({ event }) => event.index >= 0 && event.index < REISSUE_REASONS.length,
          target: 'checkingEligibility',
          actions: assign({ reason: ({ event }) => REISSUE_REASONS[event.index] }),
        },
        ...citizenStep,
      },
    },
    checkingEligibility: {
      on: { ELIGIBLE: { target: 'choosingPhoto', actions: assign({ terms: ({ event }) => event.terms }) }, ...beforePayment },
    },
    /** Keep the photo on record (when central has one), or take a GA 461 photo now. */
    choosingPhoto: {
      on: {
        CHOOSE: [
          { guard: ({ context, event }) => event.index === 0 && context.terms?.photoOnRecord === true, target: 'choosingDelivery', actions: assign({ photo: 'record', photoMessageKey: undefined }) },
          { guard: ({ event }) => event.index === 1, target: 'capturingIdPhoto', actions: assign({ photoMessageKey: undefined }) },
        ],
        ...citizenStep,
      },
    },
    capturingIdPhoto: {
      on: {
        ID_PHOTO_TAKEN: { target: 'choosingDelivery', actions: assign({ photo: 'new', idPhoto: ({ event }) => event.photo }) },
        // A photo that would not pass: the citizen chooses again (another try, or the one on record).
        ID_PHOTO_FAILED: { target: 'choosingPhoto', actions: assign({ photoMessageKey: ({ event }) => event.messageKey }) },
        ...beforePayment,
      },
    },
    choosingDelivery: {
      on: {
        CHOOSE: {
          guard: ({ context, event }) => event.index >= 0 && event.index < deliveryChoices(context.terms).length,
          target: 'creatingPayment',
          // The key is made here, in the transition, so it is journaled before POST /payments.
          actions: assign({ delivery: ({ context, event }) => deliveryChoices(context.terms)[event.index], paymentKey: () => randomUUID() }),
        },
        ...citizenStep,
      },
    },
    creatingPayment: {
      on: {
        PAYMENT_CREATED: { target: 'awaitingPayment', actions: assign({ payment: ({ event }) => event.payment }) },
        // A payment may exist at central even so: settling closes it.
        FAILED: { target: 'settlingPayment', actions: failFromEvent },
        EFFECT_FAILED: { target: 'settlingPayment', actions: failWith('idReissue.failed.centralUnreachable') },
        CANCEL: { target: 'settlingPayment', actions: failWith('idReissue.failed.cancelled') },
      },
    },
    awaitingPayment: {
      on: {
        PAID: { target: 'issuingCertificate', actions: 'paid' },
        PAYMENT_CLOSED: { target: 'ended', actions: [assign({ paymentSettled: true }), failWith('idReissue.failed.paymentExpired')] },
        CANCEL: { target: 'cancellingPayment', actions: failWith('idReissue.failed.cancelled') },
        TIMEOUT: { target: 'cancellingPayment', actions: failWith('idReissue.failed.paymentExpired') },
        FAILED: { target: 'cancellingPayment', actions: failFromEvent },
        EFFECT_FAILED: { target: 'cancellingPayment', actions: failWith('idReissue.failed.paymentFailed') },
      },
    },
    /** Closes the payment while the citizen is there; one paid meanwhile is served after all. */
    cancellingPayment: {
      on: {
        PAID: { target: 'issuingCertificate', actions: ['learnPayment', 'paid'] },
        PAYMENT_CLOSED: { target: 'ended', actions: ['learnPayment', assign({ paymentSettled: true })] },
        FAILED: 'settlingPayment',
        EFFECT_FAILED: 'settlingPayment',
      },
    },
    /** Paid: the temporary certificate from central (the same key always gives the same one). */
    issuingCertificate: {
      on: {
        CERTIFICATE_ISSUED: {
          target: 'printingReceipt',
          actions: assign({ certificate: ({ event }) => event.certificate, certificateNo: ({ event }) => event.certificate.certificateNo }),
        },
        // The application stands; the certificate is printed at any kiosk later with the application number.
        CERTIFICATE_UNAVAILABLE: { target: 'printingReceipt', actions: assign({ certificateFate: 'not-issued' }) },
        EFFECT_FAILED: { target: 'printingReceipt', actions: assign({ certificateFate: 'not-issued' }) },
        CERTIFICATE_REFUSED: { target: 'refunding', actions: failWith('idReissue.failed.certificateRefused') },
      },
    },
    printingReceipt: {
      on: {
        RECEIPT_DONE: [
          { guard: ({ context }) => context.certificate !== undefined, target: 'printingCertificate', actions: assign({ receiptPrinted: ({ event }) => event.printed }) },
          { target: 'completed', actions: assign({ receiptPrinted: ({ event }) => event.printed }) },
        ],
        EFFECT_FAILED: [{ guard: ({ context }) => context.certificate !== undefined, target: 'printingCertificate' }, { target: 'completed' }],
      },
    },
    printingCertificate: {
      on: {
        CERTIFICATE_PRINTED: { target: 'completed', actions: assign({ certificateFate: ({ event }) => (event.printed ? 'printed' : 'not-printed') }) },
        EFFECT_FAILED: { target: 'completed', actions: assign({ certificateFate: 'not-printed' }) },
      },
    },
    /** Paid and not delivered: the refund is made (its effect keeps trying until central has it). */
    refunding: {
      entry: assign({ refundKey: ({ context }) => context.refundKey ?? randomUUID() }),
      on: {
        REFUNDED: { target: 'printingFailureReceipt', actions: assign({ refunded: true, paymentSettled: true }) },
        REFUND_REFUSED: { target: 'printingFailureReceipt', actions: [assign({ refundRefused: true, paymentSettled: true }), failWith('idReissue.failed.refundRefused')] },
      },
    },
    printingFailureReceipt: {
      on: {
        RECEIPT_DONE: [
          { guard: ({ context }) => context.refundRefused === true, target: 'refundRefused', actions: assign({ receiptPrinted: ({ event }) => event.printed }) },
          { target: 'refunded', actions: assign({ receiptPrinted: ({ event }) => event.printed }) },
        ],
        EFFECT_FAILED: [{ guard: ({ context }) => context.refundRefused === true, target: 'refundRefused' }, { target: 'refunded' }],
      },
    },
    /**
     * A payment whose end is not known is closed here, without the citizen, however long central
     * takes; one that turns out paid is refunded. Nothing leaves this state with money unaccounted for.
     */
    settlingPayment: {
      always: [{ guard: ({ context }) => !context.paymentKey || context.paymentSettled, target: 'ended' }],
      on: {
        PAYMENT_CLOSED: { target: 'ended', actions: ['learnPayment', assign({ paymentSettled: true })] },
        PAID: { target: 'refundingLate', actions: ['learnPayment', assign({ paid: true, failureKey: 'idReissue.failed.paidTooLateRefunded' })] },
      },
    },
    refundingLate: {
      entry: assign({ refundKey: ({ context }) => context.refundKey ?? randomUUID() }),
      on: {
        REFUNDED: { target: 'refunded', actions: assign({ refunded: true, paymentSettled: true }) },
        REFUND_REFUSED: { target: 'refundRefused', actions: [assign({ refundRefused: true, paymentSettled: true }), failWith('idReissue.failed.refundRefused')] },
      },
    },
    completed: { type: 'final', entry: 'wipe' },
    refunded: { type: 'final', entry: 'wipe' },
    ended: { type: 'final', entry: 'wipe' },
    /** Paid, not delivered, refund refused by central: the record asks a person to settle it. */
    refundRefused: { type: 'final', entry: 'wipe' },
  },
});
