import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type AuthFailure = 'bad_signature' | 'stale_timestamp' | 'replayed_nonce';

export interface AuthInput {
  readonly method: string;
  /** Path with the query string, as the kiosk signed it. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Central's side of request signing (central-api.md, "Authentication"), written from the
 * contract independently of the kiosk's client so that a shared mistake cannot hide.
 */
export function checkSignature(
  input: AuthInput,
  secretFor: (kioskId: string) => Buffer | undefined,
  nowMs: number,
  rememberNonce: (kioskId: string, nonce: string) => boolean,
): { ok: true; kioskId: string } | { ok: false; code: AuthFailure; message: string } {
  const kioskId = header(input.headers, 'x-kiosk-id');
  const timestamp = header(input.headers, 'x-timestamp');
  const nonce = header(input.headers, 'x-nonce');
  const signature = header(input.headers, 'x-signature');
  if (!kioskId || !timestamp || !nonce || !signature) {
    return { ok: false, code: 'bad_signature', message: 'X-Kiosk-Id, X-Timestamp, X-Nonce and X-Signature are required' };
  }
  const secret = secretFor(kioskId);
  if (!secret) return { ok: false, code: 'bad_signature', message: `unknown kiosk ${kioskId}` };
  const bodyDigest = createHash('sha256').update(input.body).digest('hex');
  const canonical = [input.method.toUpperCase(), input.path, timestamp, nonce, bodyDigest].join('\n');
  const expected = createHmac('sha256', secret).update(canonical, 'utf8').digest();
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: 'bad_signature', message: 'the signature does not match' };
  }
  const sentAt = Number(timestamp);
  if (!Number.isFinite(sentAt) || Math.abs(nowMs - sentAt) > 300_000) {
    return { ok: false, code: 'stale_timestamp', message: 'X-Timestamp is more than 300 s from the server clock' };
  }
  if (!rememberNonce(kioskId, nonce)) return { ok: false, code: 'replayed_nonce', message: 'this nonce was used before' };
  return { ok: true, kioskId };
}
