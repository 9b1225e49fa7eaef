/**
 * The one API between the touch screen and the host, declared once. Both transports (Electron
 * IPC through the preload, and the loopback WebSocket of browser mode) carry exactly these
 * envelopes, and the host validates every incoming message against these schemas.
 *
 * This file is imported by the renderer too: zod only, nothing from Node.
 */
import { z } from 'zod';
import { CaptureRequest, ReportCamera, SubmitCapture } from './camera-contract';
import { ProvisioningCommand, ProvisioningView } from './provisioning-contract';
import { MaintenanceCommand, MaintenanceView } from './maintenance-contract';
import { SpeakOutcome, SpeakPrompt } from './speech-contract';
import { AttractTiming, ExtendDeadline, LocalizedText, SetElderly } from './idle-contract';

export const ServiceId = z.enum(['hk-macau-endorsement', 'id-reissue', 'certificate-pickup', 'progress-query', 'certificate-reprint']);
export type ServiceId = z.infer<typeof ServiceId>;

export const Language = z.enum(['zh-CN', 'zh-TW', 'en']);
export type Language = z.infer<typeof Language>;

/** An i18n key from the renderer's catalogues; the host never sends words a citizen reads. */
const MessageKey = z.string().regex(/^[a-zA-Z][\w.-]*$/);

export const ServiceAvailability = z.object({
  id: ServiceId,
  available: z.boolean(),
  /** Why it is not offered right now, as an i18n key. */
  reasonKey: MessageKey.nullable(),
});
export type ServiceAvailability = z.infer<typeof ServiceAvailability>;

export const KioskView = z.object({
  kioskId: z.string(),
  defaultLanguage: Language,
  services: z.array(ServiceAvailability),
  /** True while the kiosk is out of service as a whole (e.g. told so by central). */
  outOfService: z.boolean(),
  /** The attract loop's texts from configuration, in every language (the counter's hours, notices). */
  counterHours: LocalizedText.nullable().optional(),
  notices: z.array(LocalizedText).max(10).optional(),
  attract: AttractTiming.optional(),
  /** Seconds between the idle screen's camera checks (configuration's devices.cameraCheckS). */
  cameraCheckS: z.number().int().min(1).max(3600).optional(),
});
export type KioskView = z.infer<typeof KioskView>;

const Deadline = z.object({
  /** Epoch ms when this step times out and the session ends. */
  deadlineMs: z.number().int(),
  /** "Continue" on the "are you still there?" prompt can extend it (not a deadline set by a device or central). */
  deadlineExtendable: z.boolean().optional(),
});

/** Elderly mode (大字模式) for the whole session: larger type, longer time limits, slower speech. */
const Elderly = z.object({ elderly: z.boolean().optional() });

/** One endorsement central offers (type, validity, entries, fee); the kiosk never invents them. */
export const EndorsementOption = z.object({
  code: z.string().min(1).max(2),
  validity: z.string().min(1).max(4),
  entries: z.union([z.literal(1), z.literal(2), z.literal('multiple')]),
  feeFen: z.number().int().nonnegative(),
});
export type EndorsementOption = z.infer<typeof EndorsementOption>;

const Flow = z.object({
  service: ServiceId,
  sessionId: z.string(),
  txnId: z.string(),
  /** An open camera step (issue 9): the screen shows the camera over whatever step this is. */
  capture: CaptureRequest.optional(),
}).merge(Elderly);

/**
 * The steps of a service flow the screen shows (the HK/Macau endorsement today). `busy` steps
 * need nothing from the citizen; the others have a deadline.
 */
const FlowSteps = [
  z.object({ step: z.literal('insert-permit') }).merge(Flow).merge(Deadline),
  z
    .object({
      step: z.literal('flow-busy'),
      activity: z.enum([
        'reading-permit',
        'face-capture',
        'verifying-identity',
        'checking-eligibility',
        'creating-payment',
        'producing',
        'printing-receipt',
        'finishing',
        // ID reissue: the GA 461 photo, the temporary certificate from central and its slip.
        'taking-id-photo',
        'issuing-certificate',
        'printing-certificate',
        // Certificate pickup: the kiosk's list and the magazine are checked, the unit moves the certificate.
        'finding-certificate',
        'dispensing-certificate',
        // Certificate reprint: the temporary certificate alone comes out (no receipt).
        'reprinting-certificate',
      ]),
    })
    .merge(Flow),
  z.object({ step: z.literal('choose-endorsement'), maskedName: z.string(), options: z.array(EndorsementOption).min(1).max(12) }).merge(Flow).merge(Deadline),
  z
    .object({
      step: z.literal('pay'),
      /** Text of the payment QR code; the screen draws it. */
      qrPayload: z.string().max(1024),
      amountFen: z.number().int().nonnegative(),
      /** The endorsement paid for; absent for a service with one fee (ID reissue), which names it by `itemKey`. */
      option: EndorsementOption.optional(),
      /** What is paid for, as an i18n key, when there is no endorsement option. */
      itemKey: MessageKey.optional(),
    })
    .merge(Flow)
    .merge(Deadline),
  z
    .object({
      step: z.literal('take-permit'),
      /** The permit goes back without the endorsement (a cancel or a failure), not after delivery. */
      returning: z.boolean().default(false),
    })
    .merge(Flow)
    .merge(Deadline),
  z
    .object({
      step: z.literal('flow-done'),
      /**
       * `delivered`, `refunded` (paid, not delivered, refund recorded), `ended` (nothing paid), or
       * `refund-pending` (paid, not delivered, and central refused the refund: a person settles it).
       */
      outcome: z.enum(['delivered', 'refunded', 'ended', 'refund-pending']),
      /** Why it did not go as planned, as an i18n key, or null. */
      messageKey: MessageKey.nullable(),
      /** The transaction number printed on the receipt (a receipt is reprintable with it). */
      transactionNo: z.string(),
      receiptPrinted: z.boolean(),
      /** The permit was not taken and is kept in the unit (the citizen asks a counter for it). */
      permitRetained: z.boolean(),
      /** ID reissue: the code to pick the new card up with, once paid. */
      pickupCode: z.string().regex(/^\d{8}$/).nullable().optional(),
      /** ID reissue: the temporary certificate printed, issued but not printed (paper), or not issued (central away). */
      certificate: z.enum(['printed', 'not-printed', 'not-issued']).nullable().optional(),
    })
    .merge(Flow)
    .merge(Deadline),
] as const;

/** What the progress query's keypad fills in: the application number, then the ID number's last 4. */
export const QueryField = z.enum(['applicationNo', 'idNumberLast4']);
export type QueryField = z.infer<typeof QueryField>;

/** The keys of the on-screen keypad: digits and letters (an application number carries both), '-' and delete. */
export const KEYPAD_CHARACTERS: readonly string[] = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-'];
export const KeypadKey = z.union([z.string().regex(/^[0-9A-Z-]$/), z.literal('delete')]);
export type KeypadKey = z.infer<typeof KeypadKey>;

/** Longest application number: `<kioskId>-<yyyymmdd>-<suffix>` (10 + 1 + 8 + 1 + up to 6). */
export const APPLICATION_NO_MAX = 26;

/** One application as central reports it, in plain fields; nothing in it identifies the citizen. */
export const ApplicationProgress = z.object({
  applicationNo: z.string().min(1).max(60),
  kind: z.enum(['id-reissue', 'hk-macau-endorsement']),
  status: z.enum(['received', 'in-production', 'ready-for-pickup', 'mailed', 'collected', 'rejected']),
  /** ISO date-time the application was submitted. */
  submittedAt: z.string().max(40),
  pickup: z.object({ kind: z.enum(['kiosk', 'station']), name: z.string().max(100), address: z.string().max(200) }).nullable(),
  trackingNo: z.string().max(40).nullable(),
  /** Central's reason code (the screen has words for the known ones), or null. */
  rejectReason: z.string().regex(/^[a-z0-9_]{1,40}$/).nullable(),
});
export type ApplicationProgress = z.infer<typeof ApplicationProgress>;

/** The progress query's steps (进度查询). */
const QuerySteps = [
  z.object({ step: z.literal('query-choose-method'), /** The ID reader can serve: the ID-card way is offered. */ idCardAvailable: z.boolean() }).merge(Flow).merge(Deadline),
  z
    .object({
      step: z.literal('query-input'),
      field: QueryField,
      /** How many characters are typed and how many the field takes. */
      typed: z.number().int().min(0).max(APPLICATION_NO_MAX),
      maxLength: z.number().int().min(1).max(APPLICATION_NO_MAX),
      /** What the field shows: the application number as typed, the last 4 as dots. */
      echo: z.string().max(APPLICATION_NO_MAX),
      /** Why the last confirm was not taken (format), as an i18n key, or null. */
      messageKey: MessageKey.nullable(),
    })
    .merge(Flow)
    .merge(Deadline),
  z.object({ step: z.literal('query-busy') }).merge(Flow),
  z.object({ step: z.literal('query-results'), applications: z.array(ApplicationProgress).min(1).max(20) }).merge(Flow).merge(Deadline),
  z
    .object({
      step: z.literal('query-failed'),
      messageKey: MessageKey,
      /** Another way in (or the same again) makes sense; otherwise only "back". */
      canRetry: z.boolean(),
    })
    .merge(Flow)
    .merge(Deadline),
] as const;

/** What the certificate pickup's keypad fills in: the receipt's pickup code, the ID number. */
export const PickupField = z.enum(['pickupCode', 'idNumber']);
export type PickupField = z.infer<typeof PickupField>;

/** The certificate pickup's steps (取证); the busy steps are `flow-busy`. */
const PickupSteps = [
  z.object({ step: z.literal('pickup-choose-method') }).merge(Flow).merge(Deadline),
  z
    .object({
      step: z.literal('pickup-input'),
      field: PickupField,
      typed: z.number().int().min(0).max(18),
      maxLength: z.number().int().min(1).max(18),
      /** The code as typed; the ID number as typed, masked once complete. */
      echo: z.string().max(18),
      /** What is wrong with the entry (checked as typed and on confirm), as an i18n key, or null. */
      messageKey: MessageKey.nullable(),
    })
    .merge(Flow)
    .merge(Deadline),
  /** The certificate is in the gate: take it before the unit keeps it. */
  z.object({ step: z.literal('take-certificate') }).merge(Flow).merge(Deadline),
  z
    .object({
      step: z.literal('pickup-done'),
      /** `collected`; `retained` (not taken in time, kept in the unit); `not-collected` (still assigned, or for staff to find). */
      outcome: z.enum(['collected', 'retained', 'not-collected']),
      messageKey: MessageKey.nullable(),
      transactionNo: z.string(),
    })
    .merge(Flow)
    .merge(Deadline),
] as const;

/** A delivery the ID reissue offers: this kiosk, a station from central's list, or the registered address (masked). */
export const DeliveryChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('this-kiosk') }),
  z.object({ kind: z.literal('station'), name: z.string().max(100), address: z.string().max(200) }),
  z.object({ kind: z.literal('mail-registered-address'), addressMasked: z.string().max(200) }),
]);
export type DeliveryChoice = z.infer<typeof DeliveryChoice>;

/** The ID card reissue's own steps (身份证补领); payment, busy steps and the end are the flow steps. */
const ReissueSteps = [
  z
    .object({
      step: z.literal('reissue-id-input'),
      typed: z.number().int().min(0).max(18),
      /** The number as typed, or masked once complete and valid. */
      echo: z.string().max(18),
      /** What is wrong in what is typed (checked as typed, and on confirm), as an i18n key, or null. */
      problemKey: MessageKey.nullable(),
      /** The part of the number that is wrong, for the screen to mark. */
      problemPart: z.enum(['length', 'characters', 'birth-date', 'check-digit']).nullable(),
    })
    .merge(Flow)
    .merge(Deadline),
  z.object({ step: z.literal('reissue-confirm-identity'), maskedName: z.string().max(40), maskedIdNumber: z.string().max(18) }).merge(Flow).merge(Deadline),
  z.object({ step: z.literal('reissue-choose-reason'), reasons: z.array(z.enum(['lost', 'damaged', 'expired'])).min(1).max(3) }).merge(Flow).merge(Deadline),
  z
    .object({ step: z.literal('reissue-choose-photo'), photoOnRecord: z.boolean(), /** Why the last photo was not taken, or null. */ messageKey: MessageKey.nullable() })
    .merge(Flow)
    .merge(Deadline),
  z.object({ step: z.literal('reissue-choose-delivery'), choices: z.array(DeliveryChoice).max(12), feeFen: z.number().int().nonnegative() }).merge(Flow).merge(Deadline),
] as const;

/**
 * The certificate reprint's own steps (补打临时身份证明); its keypad is the reissue's
 * (`reissue-id-input`), its busy steps are `flow-busy`.
 */
const ReprintSteps = [
  z
    .object({
      step: z.literal('reprint-choose-application'),
      /** The citizen's reissue applications that may have a temporary certificate; nothing in them identifies the citizen. */
      applications: z
        .array(z.object({ applicationNo: z.string().min(1).max(60), status: ApplicationProgress.shape.status, submittedAt: z.string().max(40) }))
        .min(2)
        .max(12),
    })
    .merge(Flow)
    .merge(Deadline),
  z
    .object({
      step: z.literal('reprint-done'),
      /** `printed`; `not-printed` (issued, the printer failed: nothing lost, print it elsewhere); `ended` (nothing to print). */
      outcome: z.enum(['printed', 'not-printed', 'ended']),
      /** Why it did not go as planned, as an i18n key, or null. */
      messageKey: MessageKey.nullable(),
      /** The application the certificate belongs to, once known. */
      applicationNo: z.string().max(60).nullable(),
      certificateNo: z.string().max(40).nullable(),
      /** The certificate's last valid day (YYYY-MM-DD), once central answered. */
      validTo: z.string().max(10).nullable(),
    })
    .merge(Flow)
    .merge(Deadline),
] as const;

/** What the screen shows of the current session. Personal data arrives masked, or not at all. */
export const SessionView = z.discriminatedUnion('step', [
  ...FlowSteps,
  ...QuerySteps,
  ...ReissueSteps,
  ...PickupSteps,
  ...ReprintSteps,
  z.object({ step: z.literal('idle') }),
  z.object({ step: z.literal('insert-id-card'), service: ServiceId, sessionId: z.string() }).merge(Deadline).merge(Elderly),
  z.object({ step: z.literal('reading-card'), service: ServiceId, sessionId: z.string() }).merge(Elderly),
  z
    .object({
      step: z.literal('identity-shown'),
      service: ServiceId,
      sessionId: z.string(),
      txnId: z.string(),
      maskedName: z.string(),
      maskedIdNumber: z.string(),
    })
    .merge(Deadline)
    .merge(Elderly),
  z
    .object({
      step: z.literal('failed'),
      service: ServiceId,
      sessionId: z.string(),
      messageKey: MessageKey,
      /** Whether "try again" makes sense (a misread card) or only "back" (a broken reader). */
      canRetry: z.boolean(),
    })
    .merge(Deadline)
    .merge(Elderly),
]);
export type SessionView = z.infer<typeof SessionView>;

const Empty = z.object({}).strict();

/** Commands: name -> request args and response shape. */
export const commands = {
  getKiosk: { request: Empty, response: KioskView },
  getSession: { request: Empty, response: SessionView },
  startService: {
    request: z
      .object({
        service: ServiceId,
        /** Elderly mode chosen on the attract screen. */
        elderly: z.boolean().optional(),
        /** The language the citizen reads the screen in (the session's receipts print in it); the kiosk's own when absent. */
        language: Language.optional(),
      })
      .strict(),
    response: SessionView,
  },
  /** "Continue" on "are you still there?": the current step's time limit starts again (only in its last seconds). */
  extendDeadline: { request: ExtendDeadline, response: SessionView },
  /** Elderly mode on or off, on the session's first step only. */
  setElderly: { request: SetElderly, response: SessionView },
  /** The citizen switched the screen's language during the session: its receipts print in it. */
  setLanguage: { request: z.object({ language: Language }).strict(), response: SessionView },
  retryStep: { request: Empty, response: SessionView },
  cancelSession: { request: Empty, response: SessionView },
  finishSession: { request: Empty, response: SessionView },
  /** The citizen picks one of the choices shown (an endorsement, a reason, a delivery), by its index in the list. */
  chooseOption: { request: z.object({ index: z.number().int().min(0).max(11) }).strict(), response: SessionView },
  /** A key of the on-screen keypad (the progress query's application number and last 4). */
  keypadInput: { request: z.object({ key: KeypadKey }).strict(), response: SessionView },
  /** The citizen confirms what the step shows (the keypad's entry). */
  confirmStep: { request: Empty, response: SessionView },
  /** A pickup code the screen read from the receipt's QR code with the camera (certificate pickup). */
  scannedCode: { request: z.object({ code: z.string().regex(/^\d{6,8}$/) }).strict(), response: SessionView },
  /** Maintenance mode (field staff, after a staff card and PIN): what the screen shows now. */
  getMaintenance: { request: Empty, response: MaintenanceView },
  /** A staff action on the maintenance screens (PIN keys included). */
  maintenance: { request: MaintenanceCommand, response: MaintenanceView },
  /** First boot of an unprovisioned terminal: where provisioning stands (refused by a provisioned kiosk). */
  getProvisioning: { request: Empty, response: ProvisioningView },
  /** A first-boot action: a keypad key, the field to type into, start, retry, finish. */
  provisioning: { request: ProvisioningCommand, response: ProvisioningView },
  /** The camera step's answer to the open capture request (the still, or why there is none). */
  submitCapture: { request: SubmitCapture, response: SessionView },
  /** How the screen finds the camera (device availability and the heartbeat). */
  reportCamera: { request: ReportCamera, response: z.object({}) },
  /** Speak the shown step's prompt (catalogue keys) in the chosen language; volume 0 mutes. */
  speakPrompt: { request: SpeakPrompt, response: SpeakOutcome },
  /** Silence now (mute pressed). */
  stopSpeech: { request: Empty, response: z.object({}) },
  /** The renderer's heartbeat: a shell watchdog reloads a screen that stops sending it. */
  heartbeat: { request: z.object({ at: z.number() }).strict(), response: z.object({ at: z.number() }) },
} as const;

export type CommandName = keyof typeof commands;
export type CommandArgs<K extends CommandName> = z.infer<(typeof commands)[K]['request']>;
export type CommandResult<K extends CommandName> = z.infer<(typeof commands)[K]['response']>;

/** Someone is at the idle kiosk without touching the screen (an ID card laid on the reader). */
export const Presence = z.object({ cause: z.enum(['id-card']) });

/** Events the host pushes: name -> payload. */
export const events = {
  provisioning: ProvisioningView,
  session: SessionView,
  kiosk: KioskView,
  maintenance: MaintenanceView,
  presence: Presence,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.infer<(typeof events)[K]>;

export const commandNames = Object.keys(commands) as CommandName[];

export const ErrorCode = z.enum(['invalid_message', 'unknown_command', 'invalid_args', 'refused', 'internal']);
export type ErrorCode = z.infer<typeof ErrorCode>;

// Envelopes, the same on both transports.
export const RequestMessage = z.object({
  kind: z.literal('request'),
  id: z.number().int().nonnegative(),
  command: z.string().max(64),
  args: z.unknown(),
});
export type RequestMessage = z.infer<typeof RequestMessage>;

export const ResponseMessage = z.discriminatedUnion('ok', [
  z.object({ kind: z.literal('response'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({
    kind: z.literal('response'),
    id: z.number().int(),
    ok: z.literal(false),
    error: z.object({ code: ErrorCode, message: z.string(), messageKey: MessageKey.optional() }),
  }),
]);
export type ResponseMessage = z.infer<typeof ResponseMessage>;

export const EventMessage = z.object({ kind: z.literal('event'), event: z.string(), payload: z.unknown() });
export type EventMessage = z.infer<typeof EventMessage>;

/** The largest message either side accepts; anything bigger is hostile or broken. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
