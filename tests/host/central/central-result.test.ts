import { describe, expect, it } from 'vitest';
import { failureOf } from '../../../main/host/central/central-result';

const error = (status: number, code: string, retryAfterMs: number | null = null) => failureOf({ kind: 'error', status, code, message: 'm', retryAfterMs });

describe('central failures and the contract table of retries', () => {
  it.each([
    [400, 'invalid_request', 'refused', false],
    [401, 'bad_signature', 'refused', false],
    [401, 'stale_timestamp', 'refused', true],
    [401, 'replayed_nonce', 'refused', true],
    [404, 'not_found', 'refused', false],
    [404, 'unknown_code', 'refused', false],
    [409, 'in_flight', 'refused', true],
    [409, 'conflict', 'refused', false],
    [409, 'code_used', 'refused', false],
    [413, 'too_large', 'refused', false],
    [422, 'key_reused', 'refused', false],
    [422, 'digest_mismatch', 'refused', false],
    [429, 'overloaded', 'unreachable', true],
    [500, 'internal', 'unreachable', true],
    [503, 'unavailable', 'unreachable', true],
  ] as const)('%i %s is %s, retryable %s', (status, code, kind, retryable) => {
    expect(error(status, code)).toMatchObject({ ok: false, kind, status, code, retryable });
  });

  it('carries Retry-After when central sent one, and a network failure is unreachable and retryable', () => {
    expect(error(503, 'unavailable', 12_000).retryAfterMs).toBe(12_000);
    expect(error(503, 'unavailable')).not.toHaveProperty('retryAfterMs');
    expect(failureOf({ kind: 'network', message: 'fetch failed (ECONNREFUSED)' })).toEqual({
      ok: false,
      kind: 'unreachable',
      message: 'fetch failed (ECONNREFUSED)',
      retryable: true,
    });
  });
});
