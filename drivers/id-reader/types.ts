import type { CommonStatus } from '../common/device-status';
import type { DecodedCard } from './card';

/** The common device status; the reader adds whether a card lies on it. */
export interface IdReaderStatus extends CommonStatus {
  readonly card: 'present' | 'absent' | 'unknown';
}

export type IdReaderFailureReason =
  | 'offline'
  | 'timeout'
  | 'no-card'
  | 'select-failed'
  | 'read-failed'
  | 'unknown-card-type'
  | 'sam-error'
  | 'bad-response'
  | 'cancelled';

/** Every SW3 result code of the contract, by name; `unknown-code` for one it does not list. */
export type Sw3Result =
  | 'success'
  | 'no-content'
  | 'find-success'
  | 'checksum-error'
  | 'length-error'
  | 'command-error'
  | 'unauthorised'
  | 'unrecognised-error'
  | 'card-auth-failed'
  | 'sam-auth-failed'
  | 'verification-error'
  | 'unknown-card-type'
  | 'read-failed'
  | 'random-failed'
  | 'sam-self-test-failed'
  | 'sam-not-authorised'
  | 'no-card'
  | 'select-failed'
  | 'unknown-code';

/** What the byte stream looked like when no usable reply came. */
export type LinkProblem =
  /** A whole frame arrived with a wrong CHK (and again on the retry). */
  | 'bad-checksum'
  /** Bytes that were no frame at all. */
  | 'noise'
  /** A frame started and never finished. */
  | 'partial-frame';

export interface IdReaderFailure {
  readonly ok: false;
  readonly reason: IdReaderFailureReason;
  /** English, for logs and technicians. */
  readonly message: string;
  /** The SW3 result code when the reader answered with one. */
  readonly sw3?: number;
  /** The SW3 code by name, when the reader answered with one. */
  readonly result?: Sw3Result;
  /** Set on `timeout` and `bad-response` when the line carried something unusable. */
  readonly link?: LinkProblem;
}

export type IdReaderResult<T> = { readonly ok: true; readonly value: T } | IdReaderFailure;

export interface ReadCardOptions {
  readonly withFingerprints?: boolean;
}

/** A WLT photo turned into pixels by a licensed decoder: 102 x 126, 24-bit BGR. */
export interface DecodedPhoto {
  readonly width: number;
  readonly height: number;
  readonly bgr: Uint8Array;
}

/**
 * A read card: the contract's JSON shape, plus the decoded photo when the driver was given a
 * WltPhotoDecoder (`null` when the decoder failed: the identity read still counts).
 */
export type ReadCard = DecodedCard & { readonly photo?: DecodedPhoto | null };

export type CardReadResult = IdReaderResult<ReadCard>;

/**
 * Turns the opaque 1024-byte WLT photo into an image. Only a licensed library can; a deployment
 * plugs one in, the project ships none.
 */
export interface WltPhotoDecoder {
  decode(wlt: Uint8Array): Promise<DecodedPhoto>;
}
