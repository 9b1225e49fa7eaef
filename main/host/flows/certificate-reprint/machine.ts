import { randomUUID } from 'node:crypto';
import { assign, setup } from 'xstate';
import { idNumberKeypad } from '../typed-identity/id-number-keypad';
import type { ReprintContext, ReprintEvent, ReprintInput } from './types';

/** Sets why nothing was printed (an i18n key). */
const failWith = (key: string) => ({ type: 'fail', params: { key } }) as const;
const end = (key: string) => ({ target: 'ended', actions: failWith(key) }) as const;

/** Before the slip, every way out simply ends: nothing was taken in, nothing printed. */
const beforePrint = {
  FAILED: { target: 'ended', actions: 'failFromEvent' },
  EFFECT_FAILED: end('reprint.failed.deviceFault'),
  CANCEL: end('reprint.failed.cancelled'),
} as const;
const citizenStep = { ...beforePrint, TIMEOUT: end('reprint.failed.timedOut') } as const;

/**
 * The temporary identity certificate printed again (补打临时身份证明), for a citizen whose reissue
 * kiosk could not print it: the ID number typed and checked on the kiosk, the face and identity at
 * central, the citizen's reissue applications from central (one is taken, several are chosen
 * from), the certificate from central with a fresh key journaled before the call, then the slip.
 * No payment: every way out before the slip ends with nothing owed.
 */
export const reprintMachine = setup({
  types: {
    context: {} as ReprintContext,
    events: {} as ReprintEvent,
    input: {} as ReprintInput,
  },
  actions: {
    fail: assign((_, params: { key: string }) => ({ failureKey: params.key })),
    failFromEvent: assign(({ event }) => ({ failureKey: event.type === 'FAILED' ? event.failureKey : 'reprint.failed.deviceFault' })),
    /** The application is known: the certificate's key is made in this transition, so it is journaled before the call. */
    takeApplication: assign((_, params: { applicationNo: string }) => ({ applicationNo: params.applicationNo, certificateKey: randomUUID(), applications: [] })),
    /** Everything personal goes as soon as the flow has ended; the record needs none of it. */
    wipe: assign({ typed: '', idNumber: undefined, personId: undefined, certificate: undefined, applications: [] }),
  },
}).createMachine({
  id: 'certificate-reprint',
  initial: 'enteringIdNumber',
  context: ({ input }) => ({ ...input, typed: '', badInputs: 0, applications: [] }),
  states: {
    /** The reissue's keypad: the number is checked here, before central hears anything. */
    enteringIdNumber: {
      on: {
        ...idNumberKeypad<ReprintContext, ReprintEvent>('capturingFace'),
        CANCEL: end('reprint.failed.cancelled'),
        TIMEOUT: end('reprint.failed.timedOut'),
      },
    },
    capturingFace: {
      on: { FACE_CAPTURED: { target: 'verifyingIdentity', actions: assign({ livePhoto: ({ event }) => event.photo }) }, ...beforePrint },
    },
    verifyingIdentity: {
      on: { VERIFIED: { target: 'findingApplications', actions: assign({ personId: ({ event }) => event.personId }) }, ...beforePrint },
    },
    /** Central's list of the person's applications: one reissue goes straight on, several are chosen from. */
    findingApplications: {
      on: {
        APPLICATIONS_FOUND: [
          { guard: ({ event }) => event.applications.length === 0, ...end('reprint.failed.noApplication') },
          {
            guard: ({ event }) => event.applications.length === 1,
            target: 'issuingCertificate',
            actions: { type: 'takeApplication', params: ({ event }) => ({ applicationNo: event.applications[0]!.applicationNo }) },
          },
          { target: 'choosingApplication', actions: assign({ applications: ({ event }) => event.applications }) },
        ],
        ...beforePrint,
      },
    },
    choosingApplication: {
      on: {
        CHOOSE: {
          guard: ({ context, event }) => event.index >= 0 && event.index < context.applications.length,
          target: 'issuingCertificate',
          actions: { type: 'takeApplication', params: ({ context, event }) => ({ applicationNo: context.applications[event.index]!.applicationNo }) },
        },
        ...citizenStep,
      },
    },
    /** The certificate central issued for the application (or issues now, if the first kiosk never got one). */
    issuingCertificate: {
      on: {
        CERTIFICATE_ISSUED: {
          target: 'printingCertificate',
          actions: assign({
            certificate: ({ event }) => event.certificate,
            certificateNo: ({ event }) => event.certificate.certificateNo,
            validTo: ({ event }) => event.certificate.validTo,
          }),
        },
        CERTIFICATE_EXPIRED: {
          target: 'ended',
          actions: [assign({ certificateNo: ({ event }) => event.certificateNo, validTo: ({ event }) => event.validTo }), failWith('reprint.failed.certificateExpired')],
        },
        FAILED: { target: 'ended', actions: 'failFromEvent' },
        EFFECT_FAILED: end('reprint.failed.centralUnreachable'),
      },
    },
    printingCertificate: {
      on: {
        CERTIFICATE_PRINTED: [
          { guard: ({ event }) => event.printed, target: 'completed', actions: assign({ slipFate: 'printed' }) },
          {
            target: 'completed',
            actions: assign({ slipFate: 'not-printed', failureKey: ({ event }) => event.failureKey ?? 'reprint.failed.notPrinted' }),
          },
        ],
        EFFECT_FAILED: { target: 'completed', actions: assign({ slipFate: 'not-printed', failureKey: 'reprint.failed.notPrinted' }) },
      },
    },
    /** The slip was printed, not printed (the printer failed), or nobody knows (a crash while printing). */
    completed: { type: 'final', entry: 'wipe' },
    /** Nothing was printed: not verified, no application, expired, central away, cancelled. */
    ended: { type: 'final', entry: 'wipe' },
  },
});
