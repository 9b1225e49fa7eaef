/**
 * Every failure the certificate unit or its driver can report, as a typed reason with an i18n
 * key. The unit's own error codes (e1 e0) come from the contract; the driver adds reasons for
 * link and flow problems (offline, timeout, ...). The texts behind the keys live in the
 * renderer's catalogues (renderer/i18n), under `devices.certificateUnit`.
 */

/**
 * What a citizen can be told about the unit. Many reasons share one message: a citizen needs to
 * know what to do next, not which sensor tripped.
 */
export const CITIZEN_MESSAGE_CODES = [
  'deviceFault',
  'cardJam',
  'cardNotAccepted',
  'cardMovedManually',
  'outOfService',
  'chipUnreadable',
  'printFailed',
  'certificateNotAvailable',
  'timeout',
  'cancelled',
  'noCard',
  /** Not a failure: ejectAndWaitForTaken answered `retained`; the flow tells the citizen where the card went. */
  'cardRetained',
] as const;

export type CitizenMessageCode = (typeof CITIZEN_MESSAGE_CODES)[number];

/** The renderer's i18n key for a citizen message about the unit. */
export type CertificateUnitMessageKey = `devices.certificateUnit.${CitizenMessageCode}`;

export function certificateUnitMessageKey(code: CitizenMessageCode): CertificateUnitMessageKey {
  return `devices.certificateUnit.${code}`;
}

/** Reasons that come from an error code in a failure reply. */
export type DeviceErrorReason =
  | 'undefined-command'
  | 'parameter-error'
  | 'sequence-error'
  | 'not-supported'
  | 'command-data-error'
  | 'card-jam'
  | 'sensor-error'
  | 'card-too-long'
  | 'card-too-short'
  | 'cannot-recycle'
  | 'card-moved-manually'
  | 'retract-counter-overflow'
  | 'motor-error'
  | 'rf-activation-failed'
  | 'card-command-not-supported'
  | 'card-no-response'
  | 'print-failed'
  | 'slot-empty'
  | 'stock-empty'
  | 'retain-bin-full'
  | 'not-initialised'
  | 'unknown-error-code';

/** Reasons the driver itself decides. */
export type DriverReason =
  | 'offline'
  /** The citizen did not act in time (no permit inserted, card not taken). */
  | 'timeout'
  /** The unit acknowledged a command and never finished it: a device fault, never the citizen's doing. */
  | 'no-reply'
  | 'cancelled'
  | 'communication-error'
  | 'no-card'
  | 'card-already-inside'
  | 'invalid-record'
  | 'invalid-request';

export type CertificateUnitReason = DeviceErrorReason | DriverReason;

export interface ReasonInfo {
  /** The unit cannot serve citizens until a technician clears it. */
  readonly outOfService: boolean;
  /** Key into the renderer's i18n catalogues. */
  readonly messageKey: CertificateUnitMessageKey;
  /** A short English description for logs and technicians. */
  readonly description: string;
}

const info = (code: Exclude<CitizenMessageCode, 'cardRetained'>, description: string, outOfService = false): ReasonInfo => ({
  outOfService,
  messageKey: certificateUnitMessageKey(code),
  description,
});

export const REASONS: { readonly [R in CertificateUnitReason]: ReasonInfo } = {
  'undefined-command': info('deviceFault', 'undefined command'),
  'parameter-error': info('deviceFault', 'parameter error'),
  'sequence-error': info('deviceFault', 'sequence error'),
  'not-supported': info('deviceFault', 'not supported by the hardware'),
  'command-data-error': info('deviceFault', 'command data error'),
  'card-jam': info('cardJam', 'card jam', true),
  'sensor-error': info('deviceFault', 'sensor error'),
  'card-too-long': info('cardNotAccepted', 'card too long'),
  'card-too-short': info('cardNotAccepted', 'card too short'),
  'cannot-recycle': info('deviceFault', 'cannot recycle the card'),
  'card-moved-manually': info('cardMovedManually', 'card moved manually'),
  'retract-counter-overflow': info('deviceFault', 'retract counter overflow'),
  'motor-error': info('outOfService', 'motor error', true),
  'rf-activation-failed': info('chipUnreadable', 'card activation failed (RF)'),
  'card-command-not-supported': info('chipUnreadable', 'command not supported by the card'),
  'card-no-response': info('chipUnreadable', 'no response from the card in time'),
  'print-failed': info('printFailed', 'card-back print failed (ribbon out or head error)'),
  'slot-empty': info('certificateNotAvailable', 'magazine slot empty'),
  'stock-empty': info('certificateNotAvailable', 'stacker / magazine empty'),
  'retain-bin-full': info('outOfService', 'retain bin full', true),
  'not-initialised': info('deviceFault', 'not reset: INIT required'),
  'unknown-error-code': info('deviceFault', 'error code not in the contract'),
  offline: info('outOfService', 'unit does not answer'),
  timeout: info('timeout', 'timed out'),
  'no-reply': info('deviceFault', 'command acknowledged but never finished'),
  cancelled: info('cancelled', 'cancelled'),
  'communication-error': info('deviceFault', 'replies kept arriving damaged'),
  'no-card': info('noCard', 'no card in the unit'),
  'card-already-inside': info('deviceFault', 'a card is already in the unit or its gate'),
  'invalid-record': info('chipUnreadable', 'the chip record could not be parsed'),
  'invalid-request': info('deviceFault', 'request rejected before sending'),
};

/** The contract's error code table (e1 e0 as ASCII). */
export const ERROR_CODES: { readonly [code: string]: DeviceErrorReason } = {
  '00': 'undefined-command',
  '01': 'parameter-error',
  '02': 'sequence-error',
  '03': 'not-supported',
  '04': 'command-data-error',
  '10': 'card-jam',
  '12': 'sensor-error',
  '13': 'card-too-long',
  '14': 'card-too-short',
  '40': 'cannot-recycle',
  '45': 'card-moved-manually',
  '50': 'retract-counter-overflow',
  '51': 'motor-error',
  '61': 'rf-activation-failed',
  '62': 'card-command-not-supported',
  '63': 'card-no-response',
  '70': 'print-failed',
  '80': 'slot-empty',
  A0: 'stock-empty',
  A1: 'retain-bin-full',
  B0: 'not-initialised',
};

export function reasonForErrorCode(code: string): DeviceErrorReason {
  return ERROR_CODES[code.toUpperCase()] ?? 'unknown-error-code';
}

/** The failure half of every driver Result. */
export interface CertificateUnitFailure {
  readonly ok: false;
  readonly reason: CertificateUnitReason;
  /** English, for logs and technicians; citizens see the text behind messageKey. */
  readonly message: string;
  readonly messageKey: CertificateUnitMessageKey;
  /** The unit's error code when the reason came from a failure reply. */
  readonly errorCode?: string;
}

export function failure(reason: CertificateUnitReason, detail?: string, errorCode?: string): CertificateUnitFailure {
  const { description, messageKey } = REASONS[reason];
  const message = detail ? `${description}: ${detail}` : description;
  return errorCode === undefined
    ? { ok: false, reason, message, messageKey }
    : { ok: false, reason, message, messageKey, errorCode };
}

export type CertificateUnitResult<T extends object = object> = ({ readonly ok: true } & T) | CertificateUnitFailure;
