/** The pickup's crash checks find what they are there to find (a verdict that cannot fail proves nothing). */
import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../../simulators/central/central-store';
import { UnitModel } from '../../simulators/certificate-unit/state';
import { checkCertificatePlace } from './pickup-crash';

const record = (txnId: string, kind: string, payload: object) => ({ txnId, kind, body: JSON.stringify({ payload }) }) as unknown as StoredRecord;

/** A unit whose slot-1 certificate went `where`. */
function unitAfter(where: 'slot' | 'taken' | 'retained') {
  const model = new UnitModel({ initialised: true });
  if (where !== 'slot') {
    model.card = { kind: 'certificate', slot: 1, certificate: model.magazine[0]! };
    model.magazine[0] = undefined;
    model.location = 'gate';
    if (where === 'taken') model.takeFromGate();
    else model.retain();
  }
  return model.snapshot();
}

describe('certificate pickup crash checks', () => {
  it('pass when the record says where the certificate is', () => {
    const facts = { unit: unitAfter('retained'), retainedRecords: [record('r', 'card-retained', { relatedTxnId: 't' })] };
    expect(checkCertificatePlace(facts, [record('t', 'certificate-pickup', { outcome: 'retained', dispensed: true })], ['t'])).toEqual({ counts: { permitsUnaccounted: 0, mismatches: 0 }, problems: [] });
  });

  it('find a record that says collected for a certificate still in its slot', () => {
    const verdict = checkCertificatePlace({ unit: unitAfter('slot'), retainedRecords: [] }, [record('t', 'certificate-pickup', { outcome: 'collected', dispensed: true })], ['t']);
    expect(verdict.counts.mismatches).toBe(2);
  });

  it('find a retained certificate without its card-retained record, and one nobody can place', () => {
    const retained = checkCertificatePlace({ unit: unitAfter('retained'), retainedRecords: [] }, [record('t', 'certificate-pickup', { outcome: 'retained', dispensed: true })], ['t']);
    expect(retained.counts.permitsUnaccounted).toBe(1);
    const unknown = checkCertificatePlace({ unit: unitAfter('taken'), retainedRecords: [] }, [record('t', 'certificate-pickup', { outcome: 'unknown', dispensed: true })], ['t']);
    expect(unknown.counts.permitsUnaccounted).toBe(1);
  });
});
