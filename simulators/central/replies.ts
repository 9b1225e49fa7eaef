/**
 * What a central simulator handler answers, and the contract's error body (central-api.md,
 * "Errors"): every non-2xx answer is `{"error": {"code", "message"}}`.
 */
import type { z } from 'zod';

export interface CentralReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const ok = (body: unknown, status = 200): CentralReply => ({ status, body });

export function errorReply(status: number, code: string, message: string, headers?: Record<string, string>): CentralReply {
  return { status, body: { error: { code, message } }, ...(headers ? { headers } : {}) };
}

export const invalidRequest = (message: string): CentralReply => errorReply(400, 'invalid_request', message);

export const notFound = (message: string): CentralReply => errorReply(404, 'not_found', message);

/** Validates a request body; a failure is a 400 that names every field that broke the contract. */
export function parseRequest<T>(schema: z.ZodType<T>, json: unknown): { ok: true; value: T } | { ok: false; reply: CentralReply } {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
  return { ok: false, reply: invalidRequest(issues) };
}

/** JSON with object keys sorted, so that "the same content" does not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
