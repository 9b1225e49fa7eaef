/**
 * From a raw HTTP request to a reply: the unsigned enrolment, then the signature check
 * (central-api.md, "Authentication"), the route, its body, and for the calls that take one the
 * Idempotency-Key. Handlers are synchronous, so an idempotent call's effect and the record of its
 * answer are written in one SQLite transaction.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type Database from 'better-sqlite3';
import type { Enrollment } from './enrollment';
import { IdempotencyStore } from './idempotency';
import { canonicalJson, type CentralReply, errorReply, invalidRequest, notFound } from './replies';
import type { Route, RouteContext } from './route';
import { checkSignature } from './signature-check';

const API_PREFIX = '/api/v1';

export interface RawRequest {
  readonly method: string;
  /** Path with the query string, as it arrived (and as the kiosk signed it). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface RouterDeps {
  readonly db: Database.Database;
  readonly routes: readonly Route[];
  readonly idempotency: IdempotencyStore;
  readonly enrollment: Enrollment;
  readonly secretFor: (kioskId: string) => Buffer | undefined;
  readonly rememberNonce: (kioskId: string, nonce: string, nowMs: number) => boolean;
  readonly now: () => number;
  /** "Answer slowly": resolves after the configured delay on the simulator's clock. */
  readonly answerDelay: () => Promise<void>;
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  if (body.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export async function routeRequest(deps: RouterDeps, request: RawRequest): Promise<CentralReply> {
  const pathname = request.url.split('?')[0] ?? '';
  if (!pathname.startsWith(`${API_PREFIX}/`)) return notFound(`${pathname} is not part of this API`);
  const path = pathname.slice(API_PREFIX.length);

  if (request.method === 'POST' && path === '/enroll') {
    const json = parseJson(request.body);
    if (!json.ok) return invalidRequest('body is not JSON');
    await deps.answerDelay();
    return deps.enrollment.enroll(json.value, deps.now());
  }

  const auth = checkSignature({ method: request.method, path: request.url, headers: request.headers, body: request.body }, deps.secretFor, deps.now(), (kioskId, nonce) =>
    deps.rememberNonce(kioskId, nonce, deps.now()),
  );
  if (!auth.ok) return errorReply(401, auth.code, auth.message);

  let params: string[] | undefined;
  const route = deps.routes.find((candidate) => {
    if (candidate.method !== request.method) return false;
    const match = candidate.pattern.exec(path);
    params = match ? match.slice(1) : undefined;
    return match !== null;
  });
  if (!route || !params) return notFound(`${request.method} ${pathname} is not part of this API`);
  let decoded: string[];
  try {
    decoded = params.map((param) => decodeURIComponent(param));
  } catch {
    return invalidRequest('the path is not valid percent-encoding');
  }
  let json: unknown;
  if (route.body === 'json') {
    const parsed = parseJson(request.body);
    if (!parsed.ok) return invalidRequest('body is not JSON');
    json = parsed.value;
  }
  const context = (): RouteContext => ({ kioskId: auth.kioskId, nowMs: deps.now(), json, body: request.body, headers: request.headers, params: decoded });

  if (!route.idempotent) {
    await deps.answerDelay();
    return route.handle(context());
  }

  const key = header(request.headers, 'idempotency-key');
  if (!key || !/^[\x21-\x7e]{1,200}$/.test(key)) return invalidRequest('an Idempotency-Key header (1-200 visible ASCII characters) is required');
  if (!deps.idempotency.claim(auth.kioskId, key)) return errorReply(409, 'in_flight', 'a request with this Idempotency-Key is still being processed');
  try {
    await deps.answerDelay();
    const fingerprint = IdempotencyStore.fingerprint(request.method, pathname, route.body === 'json' ? (canonicalJson(json) ?? '') : request.body);
    return deps.db.transaction((): CentralReply => {
      const prior = deps.idempotency.lookup(auth.kioskId, key);
      if (prior) {
        return prior.fingerprint === fingerprint ? prior.reply : errorReply(422, 'key_reused', 'this Idempotency-Key was used before with another request');
      }
      const ctx = context();
      const reply = route.handle(ctx);
      if (reply.status >= 200 && reply.status < 300) deps.idempotency.remember(auth.kioskId, key, fingerprint, reply, ctx.nowMs);
      return reply;
    })();
  } finally {
    deps.idempotency.release(auth.kioskId, key);
  }
}
