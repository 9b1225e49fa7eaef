import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { personIdFor } from '../../../simulators/central/test-registry';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { startCentral, value } from './rig';

const order = { sessionId: randomUUID(), amountFen: 3000, description: '港澳签注 G 1Y 两次', method: 'qr' } as const;

describe('central simulator: Idempotency-Key', () => {
  it('answers the same key and body with the same payment, and refuses the key with another body', async () => {
    const { api, central } = await startCentral();
    const key = randomUUID();
    const first = value(await api.createPayment(order, key));
    expect(value(await api.createPayment(order, key))).toEqual(first);
    expect(central.payments()).toHaveLength(1);
    const reused = await api.createPayment({ ...order, amountFen: 8000 }, key);
    expect(reused).toMatchObject({ ok: false, kind: 'refused', status: 422, code: 'key_reused', retryable: false });
    // A key is the kiosk's: used on another call it is reused too.
    const elsewhere = await api.issueTemporaryCertificate(
      { sessionId: order.sessionId, personId: personIdFor(testCards.resident.text.idNumber), applicationNo: 'GD-GZ-0001-20260301-1' },
      key,
    );
    expect(elsewhere).toMatchObject({ ok: false, code: 'key_reused' });
    // Another key is another payment.
    expect(value(await api.createPayment(order, randomUUID())).paymentId).not.toBe(first.paymentId);
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const { client } = await startCentral();
    const key = randomUUID();
    const a = await client.send({ method: 'POST', path: '/payments', body: { json: order }, headers: { 'Idempotency-Key': key } });
    const reordered = { method: order.method, description: order.description, amountFen: order.amountFen, sessionId: order.sessionId };
    const b = await client.send({ method: 'POST', path: '/payments', body: { json: reordered }, headers: { 'Idempotency-Key': key } });
    expect(a).toMatchObject({ kind: 'ok', status: 201 });
    expect(b).toEqual(a);
  });

  it('answers in_flight while the first request with the key is still being processed', async () => {
    const { api, central, clock } = await startCentral();
    central.setDelay(2000);
    const key = randomUUID();
    const slow = api.createPayment(order, key);
    await expect.poll(() => central.requestsInFlight).toBe(1);
    expect(await api.createPayment(order, key)).toMatchObject({ ok: false, kind: 'refused', status: 409, code: 'in_flight', retryable: true });
    clock.advance(2000);
    const created = value(await slow);
    central.setDelay(0);
    expect(value(await api.createPayment(order, key))).toEqual(created);
  });

  it('needs the header: a create without one is invalid_request', async () => {
    const { client } = await startCentral();
    const response = await client.send({ method: 'POST', path: '/payments', body: { json: order } });
    expect(response).toMatchObject({ kind: 'error', status: 400, code: 'invalid_request' });
    expect(response.kind === 'error' && response.message).toMatch(/Idempotency-Key/);
  });

  it('gives the same temporary certificate for the same key, and one certificate per application', async () => {
    const { api, central } = await startCentral();
    const request = { sessionId: randomUUID(), personId: personIdFor(testCards.resident.text.idNumber), applicationNo: 'GD-GZ-0001-20260301-7' };
    const key = randomUUID();
    const certificate = value(await api.issueTemporaryCertificate(request, key));
    expect(value(await api.issueTemporaryCertificate(request, key))).toEqual(certificate);
    expect(value(await api.issueTemporaryCertificate(request, randomUUID()))).toEqual(certificate);
    expect(central.temporaryCertificates.count()).toBe(1);
    const next = value(await api.issueTemporaryCertificate({ ...request, applicationNo: 'GD-GZ-0001-20260301-8' }, randomUUID()));
    expect([certificate.certificateNo, next.certificateNo]).toEqual(['LS4401202603010001', 'LS4401202603010002']);
  });
});
