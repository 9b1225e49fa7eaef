import type { IncomingHttpHeaders } from 'node:http';
import type { CentralReply } from './replies';

/** One signed request as a handler sees it, after authentication. */
export interface RouteContext {
  /** The kiosk that signed the request. */
  readonly kioskId: string;
  readonly nowMs: number;
  /** The parsed JSON body of a `json` route (undefined when the body was empty). */
  readonly json: unknown;
  /** The raw body bytes. */
  readonly body: Buffer;
  readonly headers: IncomingHttpHeaders;
  /** The pattern's capture groups, percent-decoded. */
  readonly params: readonly string[];
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Matched against the path below /api/v1, without the query string. */
  readonly pattern: RegExp;
  readonly body: 'json' | 'raw' | 'none';
  /** Takes an Idempotency-Key: same key and body answer the same, another body is key_reused. */
  readonly idempotent?: boolean;
  /** Synchronous on purpose: it runs inside one SQLite transaction with the idempotency record. */
  handle(context: RouteContext): CentralReply;
}
