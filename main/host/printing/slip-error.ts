/** Why a printed slip could not be composed: a typed error with a code the flow can act on. */
export type SlipErrorCode =
  /** Neither central nor the kiosk has a photo of the holder. */
  | 'photo-missing'
  /** The photo is not a whole JPEG (or is absurdly large). */
  | 'photo-unreadable'
  /** A value from central cannot be printed as it is (control characters, ...). */
  | 'unprintable-text';

export class SlipError extends Error {
  readonly code: SlipErrorCode;

  constructor(code: SlipErrorCode, message: string) {
    super(message);
    this.name = 'SlipError';
    this.code = code;
  }
}
