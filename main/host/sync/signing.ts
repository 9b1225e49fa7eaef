import { createHash, createHmac } from 'node:crypto';

export interface SigningInput {
  readonly method: string;
  /** The request path including the query string. */
  readonly path: string;
  readonly body: Uint8Array;
  readonly kioskId: string;
  /** The kiosk secret, raw bytes (base64-decoded from enrolment). */
  readonly secret: Uint8Array;
  readonly timestampMs: number;
  readonly nonce: string;
}

/**
 * The four authentication headers of central-api.md: HMAC-SHA256 over
 * `METHOD\nPATH\nX-Timestamp\nX-Nonce\nhex(SHA-256(body))`, base64.
 */
export function signedHeaders(input: SigningInput): Record<string, string> {
  const timestamp = String(input.timestampMs);
  const bodyHash = createHash('sha256').update(input.body).digest('hex');
  const canonical = `${input.method.toUpperCase()}\n${input.path}\n${timestamp}\n${input.nonce}\n${bodyHash}`;
  return {
    'X-Kiosk-Id': input.kioskId,
    'X-Timestamp': timestamp,
    'X-Nonce': input.nonce,
    'X-Signature': createHmac('sha256', input.secret).update(canonical, 'utf8').digest('base64'),
  };
}
