import { randomUUID } from 'node:crypto';
import { signedHeaders } from './signing';

export interface CentralClientOptions {
  readonly baseUrl: string;
  readonly kioskId: string;
  /** base64 of the kiosk secret. */
  readonly secret: string;
  readonly requestTimeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly newNonce?: () => string;
}

/** What one call to central came to, in the terms the sync logic decides on. */
export type CentralResponse =
  | { readonly kind: 'ok'; readonly status: number; readonly body: unknown }
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly code: string;
      readonly message: string;
      /** From Retry-After (seconds or HTTP date), when central sent one. */
      readonly retryAfterMs: number | null;
    }
  | { readonly kind: 'network'; readonly message: string };

/**
 * Signed JSON calls to the central service. It corrects its clock offset from central's Date
 * header on `stale_timestamp` and retries once, as the contract asks; every other decision
 * (retry, dead-letter) belongs to the caller.
 */
export class CentralClient {
  readonly #options: CentralClientOptions;
  readonly #secret: Buffer;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #newNonce: () => string;
  /** Added to the local clock when signing: central's time minus ours. */
  #clockOffsetMs = 0;

  constructor(options: CentralClientOptions) {
    this.#options = options;
    this.#secret = Buffer.from(options.secret, 'base64');
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? Date.now;
    this.#newNonce = options.newNonce ?? randomUUID;
  }

  get clockOffsetMs(): number {
    return this.#clockOffsetMs;
  }

  async request(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<CentralResponse> {
    const first = await this.#attempt(method, path, body, extraHeaders);
    if (first.response.kind === 'error' && first.response.status === 401 && first.response.code === 'stale_timestamp' && first.serverDate !== null) {
      this.#clockOffsetMs = first.serverDate - this.#now();
      return (await this.#attempt(method, path, body, extraHeaders)).response;
    }
    return first.response;
  }

  async #attempt(
    method: string,
    path: string,
    body: unknown,
    extraHeaders: Record<string, string>,
  ): Promise<{ response: CentralResponse; serverDate: number | null }> {
    const fullPath = `/api/v1${path}`;
    const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body), 'utf8');
    const headers = {
      ...extraHeaders,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
      ...signedHeaders({
        method,
        path: fullPath,
        body: bytes,
        kioskId: this.#options.kioskId,
        secret: this.#secret,
        timestampMs: this.#now() + this.#clockOffsetMs,
        // A fresh nonce for every attempt, retries included.
        nonce: this.#newNonce(),
      }),
    };
    let res: Response;
    try {
      res = await this.#fetch(new URL(fullPath, this.#options.baseUrl), {
        method,
        headers,
        body: body === undefined ? null : bytes,
        signal: AbortSignal.timeout(this.#options.requestTimeoutMs ?? 10_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const message = error instanceof Error ? error.message : String(error);
      return { response: { kind: 'network', message: cause ? `${message} (${cause})` : message }, serverDate: null };
    }
    const dateHeader = res.headers.get('date');
    const serverDate = dateHeader ? Date.parse(dateHeader) : Number.NaN;
    let parsed: unknown;
    let text = '';
    try {
      text = await res.text();
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.ok) {
      if (parsed === undefined && text !== '') {
        return { response: { kind: 'error', status: res.status, code: 'bad_response', message: 'central answered with a body that is not JSON', retryAfterMs: null }, serverDate: null };
      }
      return { response: { kind: 'ok', status: res.status, body: parsed }, serverDate: null };
    }
    const error = (parsed as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    return {
      response: {
        kind: 'error',
        status: res.status,
        code: typeof error?.code === 'string' ? error.code : `http_${res.status}`,
        message: typeof error?.message === 'string' ? error.message : `HTTP ${res.status}`,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), this.#now()),
      },
      serverDate: Number.isFinite(serverDate) ? serverDate : null,
    };
  }
}

export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}
