import type { DecodedCard } from './card';

/** Common device status, after XFS4IoT; the reader adds whether a card lies on it. */
export type DeviceStatus = 'online' | 'offline' | 'busy' | 'hardware-error' | 'user-error';

export interface IdReaderStatus {
  readonly status: DeviceStatus;
  readonly card: 'present' | 'absent' | 'unknown';
  /** What went wrong last, for technicians; never shown to citizens as-is. */
  readonly detail: string | null;
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

export interface IdReaderFailure {
  readonly ok: false;
  readonly reason: IdReaderFailureReason;
  /** English, for logs and technicians. */
  readonly message: string;
  /** The SW3 result code when the reader answered with one. */
  readonly sw3?: number;
}

export type IdReaderResult<T> = { readonly ok: true; readonly value: T } | IdReaderFailure;

export interface ReadCardOptions {
  readonly withFingerprints?: boolean;
}

export type CardReadResult = IdReaderResult<DecodedCard>;

/**
 * Turns the opaque 1024-byte WLT photo into an image. Only a licensed library can; a deployment
 * plugs one in, the project ships none.
 */
export interface WltPhotoDecoder {
  decode(wlt: Uint8Array): Promise<{ readonly width: number; readonly height: number; readonly bgr: Uint8Array }>;
}
