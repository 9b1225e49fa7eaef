import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CentralApi, enrollKiosk } from '../../../main/host/central/central-api';
import { CentralClient } from '../../../main/host/sync/central-client';

/** A central that answers every call with this status and body, whatever was asked. */
function lyingApi(body: string | object, status = 200): CentralApi {
  // A 204 cannot carry a body at all, not even an empty one.
  const fake: typeof fetch = async () => new Response(body === '' ? null : typeof body === 'string' ? body : JSON.stringify(body), { status });
  return new CentralApi(new CentralClient({ baseUrl: 'http://central.invalid', kioskId: 'GD-GZ-0001', secret: randomBytes(32).toString('base64'), fetch: fake }));
}

const session = randomUUID();

describe('a central that breaks the contract', () => {
  it('is a typed bad-reply for every call, never an exception', async () => {
    const api = lyingApi({ surprise: true });
    const calls = [
      api.verifyIdentity({ sessionId: session, document: { type: 'resident-id', number: 'x', name: null }, livePhoto: '', liveness: { passed: true, method: 'blink' } }),
      api.endorsementEligibility({ sessionId: session, permitNumber: 'CT0000001', idNumber: 'x' }),
      api.idReissueEligibility({ sessionId: session, personId: 'p', reason: 'lost' }),
      api.createPayment({ sessionId: session, amountFen: 1500, description: 'x', method: 'qr' }, randomUUID()),
      api.getPayment('PAY-1'),
      api.cancelPayment('PAY-1'),
      api.refundPayment('PAY-1', { reason: 'x' }, randomUUID()),
      api.issueTemporaryCertificate({ sessionId: session, personId: 'p', applicationNo: 'GD-GZ-0001-20260301-1' }, randomUUID()),
      api.queryApplications({ sessionId: session, idNumber: 'x' }),
      api.kioskCertificates(),
      api.kioskStaff(),
      enrollKiosk({ baseUrl: 'http://central.invalid', fetch: async () => new Response('{"kioskId": 7}', { status: 201 }) }, {
        enrollmentCode: 'ABCD-EFGH-JKLM',
        kioskId: 'GD-GZ-0001',
        softwareVersion: '1.0.0',
        hardware: {},
      }),
    ];
    const results = await Promise.all(calls);
    for (const result of results) expect(result).toMatchObject({ ok: false, kind: 'bad-reply', code: 'bad_reply', retryable: false });
  });

  it('names what broke, without echoing the body', async () => {
    const api = lyingApi({ match: true, score: 0.9, personId: 'P-1', person: null, reason: null, secretNote: '440106199003070011' });
    const result = await api.verifyIdentity({ sessionId: session, document: { type: 'resident-id', number: 'x', name: null }, livePhoto: '', liveness: { passed: true, method: 'blink' } });
    expect(result).toMatchObject({ ok: false, kind: 'bad-reply', status: 200 });
    expect(!result.ok && result.message).toContain('person');
    expect(!result.ok && result.message).not.toContain('440106');
  });

  it('catches the subtle lies: a paid payment without paidAt, a fee that is not whole fen, an unknown entry count', async () => {
    expect(await lyingApi({ status: 'paid', paidAt: null }).getPayment('PAY-1')).toMatchObject({ ok: false, kind: 'bad-reply' });
    expect(await lyingApi({ status: 'settled', paidAt: null }).getPayment('PAY-1')).toMatchObject({ ok: false, kind: 'bad-reply' });
    const option = { code: 'G', validity: '3M', entries: 1, feeFen: 15.5 };
    const eligibility = { permit: { number: 'CT0000001', validTo: '2030-12-31' }, options: [option], notEligibleReason: null };
    expect(await lyingApi(eligibility).endorsementEligibility({ sessionId: session, permitNumber: 'CT0000001', idNumber: 'x' })).toMatchObject({ ok: false });
    const threeEntries = { ...eligibility, options: [{ ...option, feeFen: 1500, entries: 3 }] };
    expect(await lyingApi(threeEntries).endorsementEligibility({ sessionId: session, permitNumber: 'CT0000001', idNumber: 'x' })).toMatchObject({ ok: false });
    // The honest version of the same answer passes: the schema is not just rejecting everything.
    const honest = { ...eligibility, options: [{ ...option, feeFen: 1500 }] };
    expect(await lyingApi(honest).endorsementEligibility({ sessionId: session, permitNumber: 'CT0000001', idNumber: 'x' })).toMatchObject({ ok: true });
  });

  it('treats a 2xx body that is not JSON, or an attachment answer that is neither 201 nor 200, as a bad reply', async () => {
    expect(await lyingApi('<html>maintenance</html>').kioskStaff()).toMatchObject({ ok: false, kind: 'bad-reply', status: 200 });
    expect(await lyingApi('', 204).putAttachment(randomUUID(), 'live.jpg', Uint8Array.of(1, 2, 3))).toMatchObject({ ok: false, kind: 'bad-reply', status: 204 });
  });

  it('an error answer without the contract body still comes back typed, with its status', async () => {
    expect(await lyingApi('Bad Gateway', 502).kioskStaff()).toEqual({
      ok: false,
      kind: 'unreachable',
      status: 502,
      code: 'http_502',
      message: 'HTTP 502',
      retryable: true,
    });
    expect(await lyingApi('nope', 418).kioskStaff()).toMatchObject({ ok: false, kind: 'refused', status: 418, retryable: false });
  });

  it('refuses to send a state-changing call without an Idempotency-Key (the caller journals one first)', () => {
    expect(() => lyingApi({}).createPayment({ sessionId: session, amountFen: 1500, description: 'x', method: 'qr' }, '')).toThrow(RangeError);
  });
});
