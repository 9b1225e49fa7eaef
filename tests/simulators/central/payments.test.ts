import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../support/manual-clock';
import { startCentral, T0, value } from './rig';

const order = { sessionId: randomUUID(), amountFen: 1500, description: '港澳签注 G 3M 一次', method: 'qr' } as const;

describe('central simulator: payments and the simulated payer', () => {
  it('is paid by the cooperative citizen autoPayAfterMs after creation, not a millisecond before', async () => {
    const { api, clock, central } = await startCentral();
    expect(central.settings).toMatchObject({ autoPay: true, autoPayAfterMs: 3000, paymentExpiryMs: 300_000 });
    const created = value(await api.createPayment(order, randomUUID()));
    expect(created.qrPayload).toContain(created.paymentId);
    expect(Date.parse(created.expiresAt)).toBe(T0 + 300_000);

    clock.advance(2999);
    expect(value(await api.getPayment(created.paymentId))).toEqual({ paymentId: created.paymentId, status: 'pending', paidAt: null });
    clock.advance(1);
    expect(value(await api.getPayment(created.paymentId))).toEqual({
      paymentId: created.paymentId,
      status: 'paid',
      paidAt: new Date(T0 + 3000).toISOString(),
    });
  });

  it('expires at expiresAt when nobody pays, and an expired payment stays expired', async () => {
    const { api, clock, central } = await startCentral({ settings: { autoPay: false, paymentExpiryMs: 120_000 } });
    const { paymentId, expiresAt } = value(await api.createPayment(order, randomUUID()));
    expect(Date.parse(expiresAt)).toBe(T0 + 120_000);
    clock.advance(119_999);
    expect(value(await api.getPayment(paymentId)).status).toBe('pending');
    clock.advance(1);
    expect(value(await api.getPayment(paymentId)).status).toBe('expired');
    // Switching auto-pay on afterwards does not pay a code that has run out.
    central.setAutoPay(true, 0);
    expect(central.payNow(paymentId)).toMatchObject({ ok: false });
    expect(value(await api.getPayment(paymentId)).status).toBe('expired');
  });

  it('does what the panel asks: pay now, let expire, refuse; each on the newest pending payment', async () => {
    const { api, central } = await startCentral({ settings: { autoPay: false } });
    const first = value(await api.createPayment(order, randomUUID()));
    const second = value(await api.createPayment({ ...order, amountFen: 3000 }, randomUUID()));
    expect(central.payNow()).toMatchObject({ ok: true, payment: { paymentId: second.paymentId, status: 'paid' } });
    expect(central.refusePayment()).toMatchObject({ ok: true, payment: { paymentId: first.paymentId, status: 'cancelled', cancelledBy: 'payer' } });
    expect(central.expireNow()).toEqual({ ok: false, message: 'no payment is waiting' });
    const third = value(await api.createPayment({ ...order, amountFen: 8000 }, randomUUID()));
    expect(central.expireNow(third.paymentId)).toMatchObject({ ok: true, payment: { status: 'expired' } });
    expect((await Promise.all([first, second, third].map((p) => api.getPayment(p.paymentId)))).map((r) => value(r).status)).toEqual([
      'cancelled',
      'paid',
      'expired',
    ]);
    expect(central.payments().map((p) => p.amountFen)).toEqual([8000, 3000, 1500]);
  });

  it('auto-pay switched on pays a waiting payment afterMs from the switch, not from its creation', async () => {
    const { api, clock, central } = await startCentral({ settings: { autoPay: false } });
    const { paymentId } = value(await api.createPayment(order, randomUUID()));
    clock.advance(60_000);
    central.setAutoPay(true, 5000);
    clock.advance(4999);
    expect(value(await api.getPayment(paymentId)).status).toBe('pending');
    clock.advance(1);
    expect(value(await api.getPayment(paymentId))).toMatchObject({ status: 'paid', paidAt: new Date(T0 + 65_000).toISOString() });
  });

  it('cancels a pending payment, and answers a paid one as paid (it needs a refund)', async () => {
    const { api, central } = await startCentral({ settings: { autoPay: false } });
    const pending = value(await api.createPayment(order, randomUUID()));
    expect(value(await api.cancelPayment(pending.paymentId)).status).toBe('cancelled');
    expect(central.payment(pending.paymentId)?.cancelledBy).toBe('kiosk');
    expect(value(await api.cancelPayment(pending.paymentId)).status).toBe('cancelled');

    const paid = value(await api.createPayment(order, randomUUID()));
    central.payNow(paid.paymentId);
    expect(value(await api.cancelPayment(paid.paymentId)).status).toBe('paid');
  });

  it('refunds a paid payment once per key; the same key answers the same, a pending payment is not_paid', async () => {
    const { api, central } = await startCentral({ settings: { autoPay: false } });
    const { paymentId } = value(await api.createPayment(order, randomUUID()));
    const refundKey = randomUUID();
    expect(await api.refundPayment(paymentId, { reason: 'permit write failed' }, refundKey)).toMatchObject({
      ok: false,
      kind: 'refused',
      status: 409,
      code: 'not_paid',
      retryable: false,
    });
    central.payNow(paymentId);
    const refunded = value(await api.refundPayment(paymentId, { reason: 'permit write failed' }, refundKey));
    expect(refunded).toMatchObject({ paymentId, status: 'refunded' });
    expect(refunded.paidAt).not.toBeNull();
    expect(value(await api.refundPayment(paymentId, { reason: 'permit write failed' }, refundKey))).toEqual(refunded);
    expect(await api.refundPayment(paymentId, { reason: 'another reason' }, refundKey)).toMatchObject({ ok: false, status: 422, code: 'key_reused' });
    // A second refund under a new key (after a crash lost the first key) refunds nothing twice.
    expect(value(await api.refundPayment(paymentId, { reason: 'permit write failed' }, randomUUID())).status).toBe('refunded');
  });

  it('keeps another kiosk away from a payment: not_found', async () => {
    const { api, otherApi } = await startCentral();
    const { paymentId } = value(await api.createPayment(order, randomUUID()));
    expect(await otherApi.getPayment(paymentId)).toMatchObject({ ok: false, kind: 'refused', status: 404, code: 'not_found', retryable: false });
    expect(await api.getPayment('PAY-unknown')).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses a payment request that breaks the contract with invalid_request and a message', async () => {
    const { api } = await startCentral();
    const result = await api.createPayment({ ...order, amountFen: -5 }, randomUUID());
    expect(result).toMatchObject({ ok: false, kind: 'refused', status: 400, code: 'invalid_request', retryable: false });
    expect(!result.ok && result.message).toContain('amountFen');
  });

  it('remembers payments in its file: a restarted simulator answers the same payment the same', async () => {
    const dbFile = join(mkdtempSync(join(tmpdir(), 'central-sim-')), 'central.sqlite');
    const clock = new ManualClock(T0);
    const first = await startCentral({ dbFile, clock, settings: { autoPay: false } });
    const key = randomUUID();
    const created = value(await first.api.createPayment(order, key));
    first.central.payNow(created.paymentId);
    await first.central.stop();

    const second = await startCentral({ dbFile, clock, secret: first.secret });
    expect(value(await second.api.createPayment(order, key))).toEqual(created);
    expect(value(await second.api.getPayment(created.paymentId))).toMatchObject({ status: 'paid', paidAt: new Date(T0).toISOString() });
  });
});
