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

/** One call: a JSON body, raw bytes, or none (GET). */
export interface CentralRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Below /api/v1, with the query string if any (it is signed too). */
  readonly path: string;
  readonly body?: { readonly json: unknown } | { readonly bytes: Uint8Array; readonly contentType: string };
  /** Extra headers such as Idempotency-Key or Content-SHA256; the signing headers always win. */
  readonly headers?: Readonly<Record<string, string>>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Signed calls to the central service. It corrects its clock offset from central's Date header
 * on `stale_timestamp` and retries once, as the contract asks; every other decision (retry,
 * dead-letter) belongs to the caller.
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

  get kioskId(): string {
    return this.#options.kioskId;
  }

  get clockOffsetMs(): number {
    return this.#clockOffsetMs;
  }

  /** A JSON call (or none when `body` is undefined), as the sync worker and heartbeat make them. */
  request(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<CentralResponse> {
    return this.send({ method: method as CentralRequest['method'], path, headers: extraHeaders, ...(body === undefined ? {} : { body: { json: body } }) });
  }

  async send(request: CentralRequest): Promise<CentralResponse> {
    const first = await this.#attempt(request);
    if (first.response.kind === 'error' && first.response.status === 401 && first.response.code === 'stale_timestamp' && first.serverDate !== null) {
      this.#clockOffsetMs = first.serverDate - this.#now();
      return (await this.#attempt(request)).response;
    }
    return first.response;
  }

  #attempt(request: CentralRequest): Promise<Attempt> {
    const prepared = prepare(this.#options.baseUrl, request);
    const headers = {
      ...prepared.headers,
      ...signedHeaders({
        method: request.method,
        // What goes on the wire, after URL normalisation: central checks the path it receives.
        path: prepared.url.pathname + prepared.url.search,
        body: prepared.bytes,
        kioskId: this.#options.kioskId,
        secret: this.#secret,
        timestampMs: this.#now() + this.#clockOffsetMs,
        // A fresh nonce for every attempt, retries included.
        nonce: this.#newNonce(),
      }),
    };
    return perform(this.#fetch, prepared.url, request.method, headers, prepared.bytes, this.#options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, this.#now);
  }
}

/** An unsigned call: POST /enroll, the one call made before the kiosk has a secret. */
export async function sendUnsigned(
  options: Pick<CentralClientOptions, 'baseUrl' | 'requestTimeoutMs' | 'fetch' | 'now'>,
  request: CentralRequest,
): Promise<CentralResponse> {
  const prepared = prepare(options.baseUrl, request);
  const now = options.now ?? Date.now;
  const attempt = await perform(options.fetch ?? fetch, prepared.url, request.method, prepared.headers, prepared.bytes, options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, now);
  return attempt.response;
}

interface Attempt {
  readonly response: CentralResponse;
  readonly serverDate: number | null;
}

function prepare(baseUrl: string, request: CentralRequest): { url: URL; bytes: Uint8Array<ArrayBuffer>; headers: Record<string, string> } {
  const body = request.body;
  // A copy: what is signed is exactly what is sent, even if the caller reuses its buffer meanwhile.
  const bytes = !body ? new Uint8Array(0) : 'json' in body ? new TextEncoder().encode(JSON.stringify(body.json)) : new Uint8Array(body.bytes);
  const contentType = !body ? undefined : 'json' in body ? 'application/json; charset=utf-8' : body.contentType;
  return {
    url: new URL(`/api/v1${request.path}`, baseUrl),
    bytes,
    headers: { ...request.headers, ...(contentType ? { 'Content-Type': contentType } : {}) },
  };
}

async function perform(
  fetchImpl: typeof fetch,
  url: URL,
  method: string,
  headers: Record<string, string>,
  bytes: Uint8Array<ArrayBuffer>,
  timeoutMs: number,
  now: () => number,
): Promise<Attempt> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method,
      headers,
      body: method === 'GET' ? null : bytes,
      signal: AbortSignal.timeout(timeoutMs),
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
  } catch (error) {
    // A body cut off mid-way (central went down while answering) is a network failure, not a reply.
    if (error instanceof Error && error.name !== 'SyntaxError') {
      return { response: { kind: 'network', message: `the answer broke off: ${error.message}` }, serverDate: null };
    }
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
      retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now()),
    },
    serverDate: Number.isFinite(serverDate) ? serverDate : null,
  };
}

export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}
