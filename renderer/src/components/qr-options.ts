/**
 * How the QR codes on screen are drawn: medium error correction, the standard four-module quiet
 * zone, and black modules on white at a size a phone reads from arm's length. Shared with the e2e
 * test, which checks the drawn modules against the payload.
 */
export const QR_OPTIONS = {
  errorCorrectionLevel: 'M',
  /** Light modules around the symbol. */
  margin: 4,
  /** The drawn code's side, in CSS pixels. */
  width: 480,
} as const;
