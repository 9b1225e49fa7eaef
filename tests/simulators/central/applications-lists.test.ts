import { createHash, randomUUID, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_STAFF } from '../../../simulators/central/test-registry-records';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { KIOSK, startCentral, value } from './rig';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const elderly = testCards['resident-elderly'].text;

describe('central simulator: applications, certificates waiting, staff', () => {
  it('finds applications by ID number, or by number and the last 4 characters, and nothing on a wrong last 4', async () => {
    const { api } = await startCentral();
    const mine = value(await api.queryApplications({ sessionId: randomUUID(), idNumber: elderly.idNumber }));
    expect(mine).toEqual([
      expect.objectContaining({ applicationNo: 'GD-GZ-0001-20260112-5', kind: 'id-reissue', status: 'ready-for-pickup', pickup: expect.objectContaining({ kind: 'kiosk' }) }),
    ]);
    const byNumber = await api.queryApplications({ sessionId: randomUUID(), applicationNo: 'GD-GZ-0001-20260112-5', idNumberLast4: elderly.idNumber.slice(-4) });
    expect(value(byNumber)).toEqual(mine);
    const wrong = await api.queryApplications({ sessionId: randomUUID(), applicationNo: 'GD-GZ-0001-20260112-5', idNumberLast4: '0000' });
    expect(value(wrong)).toEqual([]);
    const mailed = value(await api.queryApplications({ sessionId: randomUUID(), idNumber: testCards['foreign-2023'].text.idNumber }));
    expect(mailed).toMatchObject([{ status: 'mailed', trackingNo: 'SF0000000001' }]);
  });

  it('knows an application submitted at a kiosk once its record has arrived by /sync/batch', async () => {
    const { api, client } = await startCentral();
    const idNumber = testCards.resident.text.idNumber;
    const before = value(await api.queryApplications({ sessionId: randomUUID(), idNumber }));
    const record = {
      txnId: randomUUID(),
      seq: 1,
      kind: 'id-reissue',
      occurredAt: '2026-03-01T10:05:00+08:00',
      payload: { applicationNo: 'GD-GZ-0001-20260301-1', idNumber },
      attachments: [],
    };
    expect(await client.request('POST', '/sync/batch', { records: [record] })).toMatchObject({ kind: 'ok', body: { acked: [1] } });
    const after = value(await api.queryApplications({ sessionId: randomUUID(), idNumber }));
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toEqual({
      applicationNo: 'GD-GZ-0001-20260301-1',
      kind: 'id-reissue',
      submittedAt: '2026-03-01T10:05:00+08:00',
      status: 'received',
      pickup: null,
      trackingNo: null,
      rejectReason: null,
    });
  });

  it('refuses a query of neither shape', async () => {
    const { api } = await startCentral();
    const both = { sessionId: randomUUID(), idNumber: elderly.idNumber, applicationNo: 'x', idNumberLast4: '0021' } as never;
    expect(await api.queryApplications(both)).toMatchObject({ ok: false, status: 400, code: 'invalid_request' });
  });

  it('lists the certificates waiting in the kiosk magazine, as hashes, and follows loading and pickup records', async () => {
    const { api, client, otherApi } = await startCentral();
    const waiting = value(await api.kioskCertificates());
    const unloaded = {
      certificateId: 'SIM-CERT-NEW-01',
      kind: 'resident-id',
      holderIdNumberSha256: sha256(testCards['foreign-2023'].text.idNumber),
      pickupCodeSha256: sha256('530118'),
      slot: null,
    };
    expect(waiting).toEqual([
      { certificateId: 'SIM-CERT-01', kind: 'resident-id', holderIdNumberSha256: sha256(elderly.idNumber), pickupCodeSha256: sha256('824913'), slot: 1 },
      unloaded,
    ]);
    const send = (seq: number, kind: string, payload: object) =>
      client.request('POST', '/sync/batch', { records: [{ txnId: randomUUID(), seq, kind, occurredAt: '2026-03-01T10:00:00+08:00', payload }] });
    await send(1, 'magazine-loaded', { certificateId: 'SIM-CERT-01', slot: 17 });
    expect(value(await api.kioskCertificates())[0]?.slot).toBe(17);
    await send(2, 'certificate-pickup', { certificateId: 'SIM-CERT-01' });
    expect(value(await api.kioskCertificates())).toEqual([unloaded]);
    // The other kiosk's list is its own.
    expect(value(await otherApi.kioskCertificates())).toHaveLength(2);
  });

  it('hands out the staff list with scrypt PIN hashes a kiosk can check a PIN against', async () => {
    const { api, client } = await startCentral();
    const staff = value(await api.kioskStaff());
    expect(staff.map((s) => s.staffId)).toEqual(TEST_STAFF.map((s) => s.staffId));
    const first = staff[0]!;
    const { salt, N, r, p, hash } = first.pin;
    expect(first.idNumberSha256).toBe(sha256(TEST_STAFF[0]!.idNumber));
    expect(scryptSync(TEST_STAFF[0]!.pin, Buffer.from(salt, 'base64'), 32, { N, r, p }).toString('base64')).toBe(hash);
    expect(scryptSync('000000', Buffer.from(salt, 'base64'), 32, { N, r, p }).toString('base64')).not.toBe(hash);
    // Asking for another kiosk's list finds nothing.
    expect(await client.send({ method: 'GET', path: '/kiosks/GD-SZ-0002/staff' })).toMatchObject({ kind: 'error', status: 404, code: 'not_found' });
  });

  it('says in the next heartbeat answer, once, that the staff list changed', async () => {
    const { client, central } = await startCentral();
    const beat = async () => {
      const response = await client.request('POST', '/heartbeat', { softwareVersion: '1.0.0', uptimeS: 1 });
      return response.kind === 'ok' ? (response.body as { staffListChanged: boolean }).staffListChanged : undefined;
    };
    expect(await beat()).toBe(false);
    central.markStaffListChanged(KIOSK);
    expect(await beat()).toBe(true);
    expect(await beat()).toBe(false);
  });
});
