/**
 * The one API between the touch screen and the host, declared once. Both transports (Electron
 * IPC through the preload, and the loopback WebSocket of browser mode) carry exactly these
 * envelopes, and the host validates every incoming message against these schemas.
 *
 * This file is imported by the renderer too: zod only, nothing from Node.
 */
import { z } from 'zod';

export const ServiceId = z.enum(['hk-macau-endorsement', 'id-reissue', 'certificate-pickup', 'progress-query']);
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
});
export type KioskView = z.infer<typeof KioskView>;

const Deadline = z.object({
  /** Epoch ms when this step times out and the session ends. */
  deadlineMs: z.number().int(),
});

/** What the screen shows of the current session. Personal data arrives masked, or not at all. */
export const SessionView = z.discriminatedUnion('step', [
  z.object({ step: z.literal('idle') }),
  z.object({ step: z.literal('insert-id-card'), service: ServiceId, sessionId: z.string() }).merge(Deadline),
  z.object({ step: z.literal('reading-card'), service: ServiceId, sessionId: z.string() }),
  z
    .object({
      step: z.literal('identity-shown'),
      service: ServiceId,
      sessionId: z.string(),
      txnId: z.string(),
      maskedName: z.string(),
      maskedIdNumber: z.string(),
    })
    .merge(Deadline),
  z
    .object({
      step: z.literal('failed'),
      service: ServiceId,
      sessionId: z.string(),
      messageKey: MessageKey,
      /** Whether "try again" makes sense (a misread card) or only "back" (a broken reader). */
      canRetry: z.boolean(),
    })
    .merge(Deadline),
]);
export type SessionView = z.infer<typeof SessionView>;

const Empty = z.object({}).strict();

/** Commands: name -> request args and response shape. */
export const commands = {
  getKiosk: { request: Empty, response: KioskView },
  getSession: { request: Empty, response: SessionView },
  startService: { request: z.object({ service: ServiceId }).strict(), response: SessionView },
  retryStep: { request: Empty, response: SessionView },
  cancelSession: { request: Empty, response: SessionView },
  finishSession: { request: Empty, response: SessionView },
  /** The renderer's heartbeat: a shell watchdog reloads a screen that stops sending it. */
  heartbeat: { request: z.object({ at: z.number() }).strict(), response: z.object({ at: z.number() }) },
} as const;

export type CommandName = keyof typeof commands;
export type CommandArgs<K extends CommandName> = z.infer<(typeof commands)[K]['request']>;
export type CommandResult<K extends CommandName> = z.infer<(typeof commands)[K]['response']>;

/** Events the host pushes: name -> payload. */
export const events = {
  session: SessionView,
  kiosk: KioskView,
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
