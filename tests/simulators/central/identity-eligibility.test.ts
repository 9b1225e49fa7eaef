import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IdentityVerifyRequest } from '../../../main/host/central/central-api';
import { isValidIdNumber } from '../../../main/domain/id-number';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';
import { SAMPLE_JPEG_BASE64 } from '../../../simulators/central/sample-jpeg';
import { personIdFor, REGISTRY_PEOPLE } from '../../../simulators/central/test-registry';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { startCentral, value } from './rig';

const resident = testCards.resident.text;
const elderly = testCards['resident-elderly'].text;

const verify = (document: IdentityVerifyRequest['document'], passed = true): IdentityVerifyRequest => ({
  sessionId: randomUUID(),
  document,
  livePhoto: SAMPLE_JPEG_BASE64,
  liveness: { passed, method: 'blink' },
});

describe('central simulator: the test registry', () => {
  it('is built from the device simulators\' own identities, with valid ID numbers', () => {
    expect(REGISTRY_PEOPLE.map((p) => p.idNumber)).toEqual(
      ['resident', 'resident-elderly', 'hk-macau-taiwan', 'foreign-2023'].map((name) => testCards[name as keyof typeof testCards].text.idNumber),
    );
    for (const person of REGISTRY_PEOPLE) expect(isValidIdNumber(person.idNumber), person.card).toBe(true);
    expect(REGISTRY_PEOPLE.flatMap((p) => (p.permit ? [p.permit.number] : []))).toEqual(TEST_PERMITS.map((p) => p.record.permitNumber));
  });

  it('matches a known card holder whose liveness passed, and names the person', async () => {
    const { api } = await startCentral();
    const verdict = value(await api.verifyIdentity(verify({ type: 'resident-id', number: resident.idNumber, name: resident.name })));
    expect(verdict).toEqual({
      match: true,
      score: 0.93,
      personId: personIdFor(resident.idNumber),
      person: { name: resident.name, sex: 'male', birthDate: resident.birthDate },
      reason: null,
    });
    // Only the typed ID number (reissue after loss): name is null, still a match.
    expect(value(await api.verifyIdentity(verify({ type: 'resident-id', number: elderly.idNumber, name: null }))).match).toBe(true);
    // By permit: the person found is the card holder linked to it.
    const byPermit = value(await api.verifyIdentity(verify({ type: 'hk-macau-permit', number: 'CT0000001', name: TEST_PERMITS[0]!.record.nameZh })));
    expect(byPermit).toMatchObject({ match: true, personId: personIdFor(resident.idNumber) });
  });

  it('reaches every failure reason from test data', async () => {
    const { api } = await startCentral();
    const reason = async (request: IdentityVerifyRequest) => {
      const verdict = value(await api.verifyIdentity(request));
      return verdict.match ? 'match' : verdict.reason;
    };
    expect(await reason(verify({ type: 'resident-id', number: resident.idNumber, name: resident.name }, false))).toBe('liveness_failed');
    expect(await reason(verify({ type: 'resident-id', number: testCards['foreign-2017'].text.idNumber, name: null }))).toBe('no_record');
    expect(await reason(verify({ type: 'hk-macau-permit', number: 'CT9999999', name: null }))).toBe('no_record');
    expect(await reason(verify({ type: 'resident-id', number: resident.idNumber, name: '王某某' }))).toBe('document_invalid');
    // The HK/Macau/Taiwan residence card ran out on 2025-01-01.
    expect(await reason(verify({ type: 'resident-id', number: testCards['hk-macau-taiwan'].text.idNumber, name: null }))).toBe('document_invalid');
    expect(await reason(verify({ type: 'resident-id', number: testCards['foreign-2023'].text.idNumber, name: null }))).toBe('face_mismatch');
  });

  it('fails every verification with the forced reason while the switch is on', async () => {
    const { api, central } = await startCentral();
    const request = verify({ type: 'resident-id', number: resident.idNumber, name: resident.name });
    central.setIdentityResult('face_mismatch');
    expect(value(await api.verifyIdentity(request))).toEqual({ match: false, personId: null, person: null, reason: 'face_mismatch' });
    central.setIdentityResult(null);
    expect(value(await api.verifyIdentity(request)).match).toBe(true);
  });

  it('refuses a live photo that is not a base64 JPEG', async () => {
    const { api } = await startCentral();
    const result = await api.verifyIdentity({ ...verify({ type: 'resident-id', number: resident.idNumber, name: null }), livePhoto: 'iVBORw0KGgo=' });
    expect(result).toMatchObject({ ok: false, status: 400, code: 'invalid_request' });
  });

  it('offers each permit its own endorsements, with the fees of domain.md', async () => {
    const { api } = await startCentral();
    const first = value(await api.endorsementEligibility({ sessionId: randomUUID(), permitNumber: 'CT0000001', idNumber: resident.idNumber }));
    expect(first).toEqual({
      permit: { number: 'CT0000001', validTo: TEST_PERMITS[0]!.record.validTo },
      options: [
        { code: 'G', validity: '3M', entries: 1, feeFen: 1500 },
        { code: 'G', validity: '1Y', entries: 2, feeFen: 3000 },
        { code: 'G', validity: '1Y', entries: 'multiple', feeFen: 8000 },
      ],
      notEligibleReason: null,
    });
    const second = value(await api.endorsementEligibility({ sessionId: randomUUID(), permitNumber: 'CT0000002', idNumber: elderly.idNumber }));
    expect(second.options.map((o) => `${o.code} ${o.validity} ${o.entries} ${o.feeFen}`)).toEqual(['T 3M 1 1500', 'T 1Y 2 3000']);
  });

  it('says not eligible for a permit of another person, for the switch, and not found for an unknown permit', async () => {
    const { api, central } = await startCentral();
    const mismatch = value(await api.endorsementEligibility({ sessionId: randomUUID(), permitNumber: 'CT0000001', idNumber: elderly.idNumber }));
    expect(mismatch).toMatchObject({ options: [], notEligibleReason: 'permit_holder_mismatch' });
    central.setNotEligible('exit_restricted');
    const switched = value(await api.endorsementEligibility({ sessionId: randomUUID(), permitNumber: 'CT0000001', idNumber: resident.idNumber }));
    expect(switched).toMatchObject({ options: [], notEligibleReason: 'exit_restricted' });
    expect(await api.endorsementEligibility({ sessionId: randomUUID(), permitNumber: 'CT7777777', idNumber: resident.idNumber })).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it('prices an ID card reissue by reason and refuses one with an application in progress', async () => {
    const { api, central } = await startCentral();
    const lost = value(await api.idReissueEligibility({ sessionId: randomUUID(), personId: personIdFor(resident.idNumber), reason: 'lost' }));
    expect(lost).toMatchObject({ eligible: true, feeFen: 4000, photoOnRecord: true, registeredAddressMasked: '广东省广州市天河区*****' });
    expect(lost.eligible && lost.deliveryOptions).toEqual(['this-kiosk', 'station', 'mail-registered-address']);
    expect(value(await api.idReissueEligibility({ sessionId: randomUUID(), personId: personIdFor(resident.idNumber), reason: 'damaged' }))).toMatchObject({
      feeFen: 2000,
    });
    expect(value(await api.idReissueEligibility({ sessionId: randomUUID(), personId: personIdFor(elderly.idNumber), reason: 'lost' }))).toEqual({
      eligible: false,
      notEligibleReason: 'application_in_progress',
    });
    central.setNotEligible('exit_restricted');
    expect(value(await api.idReissueEligibility({ sessionId: randomUUID(), personId: personIdFor(resident.idNumber), reason: 'lost' }))).toEqual({
      eligible: false,
      notEligibleReason: 'exit_restricted',
    });
    expect(await api.idReissueEligibility({ sessionId: randomUUID(), personId: 'SIM-P-nobody', reason: 'lost' })).toMatchObject({ ok: false, status: 404 });
  });
});
