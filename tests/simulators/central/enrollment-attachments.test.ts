import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CentralApi, enrollKiosk } from '../../../main/host/central/central-api';
import { CentralClient } from '../../../main/host/sync/central-client';
import { KIOSK, startCentral, T0, value } from './rig';

const hardware = { model: 'TB-K1', serial: 'SIM-0001' };

describe('central simulator: enrolment', () => {
  it('gives a kiosk its secret for a one-time code, and the secret signs calls from then on', async () => {
    const { central, clock } = await startCentral();
    const code = central.issueEnrollmentCode();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const request = { enrollmentCode: code, kioskId: 'GD-SZ-0042', softwareVersion: '1.0.0', hardware };
    const enrolled = value(await enrollKiosk({ baseUrl: central.baseUrl }, request));
    expect(enrolled).toMatchObject({
      kioskId: 'GD-SZ-0042',
      site: { code: '440300' },
      services: ['hk-macau-endorsement', 'id-reissue', 'certificate-pickup', 'certificate-reprint'],
      serverTime: new Date(T0).toISOString(),
    });
    expect(Buffer.from(enrolled.secret, 'base64')).toHaveLength(32);

    const api = new CentralApi(new CentralClient({ baseUrl: central.baseUrl, kioskId: 'GD-SZ-0042', secret: enrolled.secret, now: () => clock.now() }));
    expect(value(await api.kioskStaff()).length).toBeGreaterThan(0);
    const stranger = new CentralApi(new CentralClient({ baseUrl: central.baseUrl, kioskId: 'GD-SZ-0042', secret: randomBytes(32).toString('base64'), now: () => clock.now() }));
    expect(await stranger.kioskStaff()).toMatchObject({ ok: false, status: 401, code: 'bad_signature', retryable: false });

    expect(await enrollKiosk({ baseUrl: central.baseUrl }, request)).toMatchObject({ ok: false, kind: 'refused', status: 409, code: 'code_used' });
    expect(await enrollKiosk({ baseUrl: central.baseUrl }, { ...request, enrollmentCode: 'ABCD-EFGH-JKLM' })).toMatchObject({
      ok: false,
      status: 404,
      code: 'unknown_code',
    });
    expect(await enrollKiosk({ baseUrl: central.baseUrl }, { ...request, kioskId: 'kiosk 1' })).toMatchObject({ ok: false, status: 400, code: 'invalid_request' });
  });
});

describe('central simulator: attachments', () => {
  it('stores the bytes once: 201, then 200 for the same digest, conflict for other bytes', async () => {
    const { api, central } = await startCentral();
    const txnId = randomUUID();
    const photo = randomBytes(31_234);
    expect(value(await api.putAttachment(txnId, 'live.jpg', photo))).toBe('stored');
    expect(value(await api.putAttachment(txnId, 'live.jpg', photo))).toBe('already-stored');
    expect(central.attachments.get(KIOSK, txnId, 'live.jpg')?.equals(photo)).toBe(true);
    expect(await api.putAttachment(txnId, 'live.jpg', randomBytes(100))).toMatchObject({ ok: false, status: 409, code: 'conflict', retryable: false });
  });

  it('answers digest_mismatch when the bytes are not what Content-SHA256 says, and 400 without the header', async () => {
    const { client, central } = await startCentral();
    const bytes = randomBytes(64);
    const wrong = createHash('sha256').update('something else').digest('hex');
    const body = { bytes, contentType: 'application/octet-stream' };
    const path = `/attachments/${randomUUID()}/photo.jpg`;
    expect(await client.send({ method: 'PUT', path, body, headers: { 'Content-SHA256': wrong } })).toMatchObject({
      kind: 'error',
      status: 422,
      code: 'digest_mismatch',
    });
    expect(await client.send({ method: 'PUT', path, body })).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(await client.send({ method: 'PUT', path: `/attachments/${randomUUID()}/.hidden`, body, headers: { 'Content-SHA256': wrong } })).toMatchObject({
      status: 400,
    });
    expect(central.requests.map((r) => r.status)).toEqual([422, 400, 400]);
  });
});
