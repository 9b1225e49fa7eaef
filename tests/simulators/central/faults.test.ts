import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SAMPLE_JPEG_BASE64 } from '../../../simulators/central/sample-jpeg';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { CentralApi } from '../../../main/host/central/central-api';
import { CentralClient } from '../../../main/host/sync/central-client';
import { KIOSK, startCentral, value } from './rig';

const order = { sessionId: randomUUID(), amountFen: 1500, description: '港澳签注', method: 'qr' } as const;

describe('central simulator: faults', () => {
  it('offline drops every connection: the client sees central unreachable, and it comes back', async () => {
    const { api, central } = await startCentral();
    central.setOffline(true);
    const result = await api.createPayment(order, randomUUID());
    expect(result).toMatchObject({ ok: false, kind: 'unreachable', retryable: true });
    expect(result.ok || result.status).toBeUndefined();
    expect(central.requests.at(-1)).toEqual({ method: 'POST', path: '/api/v1/payments', status: 0 });
    expect(central.payments()).toHaveLength(0);
    central.setOffline(false);
    expect((await api.createPayment(order, randomUUID())).ok).toBe(true);
  });

  it('answers slowly on its own clock: the answer comes only once the delay has passed', async () => {
    const { api, central, clock } = await startCentral();
    central.setDelay(1500);
    let settled = false;
    const pending = api.kioskCertificates().then((result) => {
      settled = true;
      return result;
    });
    await expect.poll(() => clock.pending()).toBe(1);
    clock.advance(1499);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    clock.advance(1);
    expect((await pending).ok).toBe(true);
  });

  it('a reply slower than the client waits is central unreachable, worth a retry', async () => {
    const { central, clock, secret } = await startCentral();
    central.setDelay(60_000);
    // The client's own time limit runs on real time (AbortSignal.timeout): kept short here.
    const impatient = new CentralApi(new CentralClient({ baseUrl: central.baseUrl, kioskId: KIOSK, secret, now: () => clock.now(), requestTimeoutMs: 150 }));
    expect(await impatient.getPayment('PAY-x')).toMatchObject({ ok: false, kind: 'unreachable', retryable: true });
  });

  it('answers injected faults in order with the error body and Retry-After', async () => {
    const { api, central } = await startCentral();
    central.injectFaults({ status: 503, code: 'unavailable', retryAfterS: 30 }, { status: 500, code: 'internal' }, { status: 429, code: 'overloaded' });
    expect(await api.kioskStaff()).toEqual({ ok: false, kind: 'unreachable', status: 503, code: 'unavailable', message: 'injected fault', retryable: true, retryAfterMs: 30_000 });
    expect(await api.kioskStaff()).toMatchObject({ ok: false, kind: 'unreachable', status: 500, retryable: true });
    expect(await api.kioskStaff()).toMatchObject({ ok: false, kind: 'unreachable', status: 429, retryable: true });
    expect((await api.kioskStaff()).ok).toBe(true);
  });

  it('gives every non-2xx answer the error body, with invalid_request and a message for a bad request', async () => {
    const { central, client } = await startCentral();
    const raw = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${central.baseUrl}${path}`, init);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const errorBody = { error: { code: expect.any(String), message: expect.any(String) } };
    expect(await raw('/api/v1/payments', { method: 'POST', body: '{}' })).toEqual({ status: 401, body: errorBody });
    expect(await raw('/nowhere')).toEqual({ status: 404, body: errorBody });
    expect(await raw('/api/v1/enroll', { method: 'POST', body: 'not json' })).toEqual({ status: 400, body: { error: { code: 'invalid_request', message: 'body is not JSON' } } });
    const unknown = await client.send({ method: 'POST', path: '/nothing-here', body: { json: {} } });
    expect(unknown).toMatchObject({ kind: 'error', status: 404, code: 'not_found' });
    const broken = await client.send({ method: 'POST', path: '/endorsements/eligibility', body: { json: { sessionId: 'x' } } });
    expect(broken).toMatchObject({ kind: 'error', status: 400, code: 'invalid_request' });
    expect(broken.kind === 'error' && broken.message).toMatch(/permitNumber/);
  });

  it('logs path and status only: no personal data from the request bodies', async () => {
    const { api, central } = await startCentral();
    const { idNumber, name } = testCards.resident.text;
    value(await api.verifyIdentity({ sessionId: randomUUID(), document: { type: 'resident-id', number: idNumber, name }, livePhoto: SAMPLE_JPEG_BASE64, liveness: { passed: true, method: 'blink' } }));
    const log = JSON.stringify(central.requests);
    expect(log).toContain('/identity/verify');
    expect(log).not.toContain(idNumber);
    expect(log).not.toContain(name);
  });
});
