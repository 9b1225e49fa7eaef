/** Typed status, failure reasons and results of the receipt printer driver. */
import type { CommonStatus, StatusChangeListener } from '../common/device-status';
import type { ReceiptDocument } from './document';

/** `unknown` when the printer could not be asked (offline, no reply, garbage). */
export type PaperLevel = 'ok' | 'near-end' | 'out' | 'unknown';

/** Causes from DLE EOT 3. */
export type PrinterErrorCause = 'mechanical' | 'autocutter' | 'unrecoverable' | 'auto-recoverable';

/** Why the driver could not read a clean status, when it could not. */
export type StatusFault =
  | 'no-reply'
  | 'garbage-reply'
  | 'disconnected'
  | 'open-failed'
  /** DLE EOT 1 says offline but DLE EOT 2 names no cause (e.g. feed button held). */
  | 'reported-offline'
  /** Nothing has been asked yet. */
  | 'not-checked';

/** The common device status; the printer adds paper, cover and DLE EOT error causes. */
export interface PrinterStatus extends CommonStatus {
  readonly paper: PaperLevel;
  readonly coverOpen: boolean;
  readonly errors: readonly PrinterErrorCause[];
  readonly fault?: StatusFault;
  /** Clock time (ms) of the reading. */
  readonly checkedAt: number;
}

/** Decoded reply bytes of DLE EOT n, one shape per n. */
export type StatusReply =
  | { readonly n: 1; readonly offline: boolean }
  | {
      readonly n: 2;
      readonly coverOpen: boolean;
      readonly stoppedByPaperEnd: boolean;
      readonly errorOccurred: boolean;
    }
  | {
      readonly n: 3;
      readonly mechanical: boolean;
      readonly autocutter: boolean;
      readonly unrecoverable: boolean;
      readonly autoRecoverable: boolean;
    }
  | { readonly n: 4; readonly nearEnd: boolean; readonly paperEnd: boolean };

export type StatusRequest = StatusReply['n'];

export type CodecErrorCode = 'garbage' | 'bad-request';

/** A typed decode failure: a byte that is not a status reply is never taken for one. */
export interface CodecError {
  readonly code: CodecErrorCode;
  readonly message: string;
  readonly byte?: number;
}

export type DecodeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CodecError };

/**
 * Why a print did not end with a printed receipt. The union is built from this list, so a new
 * reason cannot be left out of the catalogue test that walks it.
 */
export const PRINT_FAILURE_REASONS = [
  'invalid-document',
  'offline',
  'paper-out',
  'cover-open',
  'hardware-error',
  'garbage-reply',
  /** The job was sent but no status came back after the cut: outcome unknown. */
  'timeout',
  /** The link went away while the job was being sent. */
  'disconnected',
] as const;

export type PrintFailureReason = (typeof PRINT_FAILURE_REASONS)[number];

/** The renderer's i18n key for what a citizen is told about a failed print. */
export type PrintFailureMessageKey = `devices.printer.${PrintFailureReason}`;

export function printFailureMessageKey(reason: PrintFailureReason): PrintFailureMessageKey {
  return `devices.printer.${reason}`;
}

export interface PrintSuccess {
  readonly ok: true;
  readonly bytesSent: number;
  /** The status read after the cut (may say `near-end`: printed, but refill soon). */
  readonly statusAfter: PrinterStatus;
}

export interface PrintFailure {
  readonly ok: false;
  readonly reason: PrintFailureReason;
  /** English, for logs and technicians; citizens see the text behind messageKey. */
  readonly message: string;
  readonly messageKey: PrintFailureMessageKey;
  /** The document, kept so the transaction can print it again once the printer is fixed. */
  readonly job: ReceiptDocument;
  /** False when the job was refused before any byte of it was sent: nothing came out. */
  readonly sent: boolean;
  readonly status: PrinterStatus;
}

export type PrintResult = PrintSuccess | PrintFailure;

export type StatusListener = StatusChangeListener<PrinterStatus>;
