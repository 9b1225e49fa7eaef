/** The certificate reprint's crash checks find what they are there to find (a verdict that cannot fail proves nothing). */
import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../../simulators/central/central-store';
import { checkReprint, ELSEWHERE } from './reprint-crash';

const record = (txnId: string, payload: object) => ({ txnId, kind: 'certificate-reprint', body: JSON.stringify({ payload }) }) as unknown as StoredRecord;
const ISSUED = [{ certificateNo: 'LS1', applicationNo: ELSEWHERE }];

describe('certificate reprint crash checks', () => {
  it('pass when the record says what the printer did with the one certificate', () => {
    const printed = record('t', { outcome: 'printed', printed: true, applicationNo: ELSEWHERE, certificateNo: 'LS1' });
    expect(checkReprint({ certificates: ISSUED, slips: { started: 1, complete: 1 } }, [printed], ['t'])).toEqual({ counts: { permitsUnaccounted: 0, mismatches: 0 }, problems: [] });
    // The host died while printing: the slip may be whole, the record says nobody knows.
    const unknown = record('t', { outcome: 'unknown', printed: null, applicationNo: ELSEWHERE, certificateNo: 'LS1' });
    expect(checkReprint({ certificates: ISSUED, slips: { started: 1, complete: 1 } }, [unknown], ['t']).problems).toEqual([]);
  });

  it('find a slip printed twice, and two certificates for one application', () => {
    const printed = record('t', { outcome: 'printed', printed: true, applicationNo: ELSEWHERE, certificateNo: 'LS1' });
    const twice = checkReprint({ certificates: [...ISSUED, { certificateNo: 'LS2', applicationNo: ELSEWHERE }], slips: { started: 2, complete: 2 } }, [printed], ['t']);
    expect(twice.counts.permitsUnaccounted).toBe(2);
  });

  it('find a record that says printed when no slip came out whole, or not printed when one did, or names a certificate central never issued', () => {
    const printed = record('t', { outcome: 'printed', printed: true, applicationNo: ELSEWHERE, certificateNo: 'LS1' });
    expect(checkReprint({ certificates: ISSUED, slips: { started: 1, complete: 0 } }, [printed], ['t']).counts.mismatches).toBe(1);
    const notPrinted = record('t', { outcome: 'not-printed', printed: false, applicationNo: ELSEWHERE, certificateNo: 'LS1' });
    expect(checkReprint({ certificates: ISSUED, slips: { started: 1, complete: 1 } }, [notPrinted], ['t']).counts.mismatches).toBe(1);
    const other = record('t', { outcome: 'ended', printed: false, applicationNo: ELSEWHERE, certificateNo: 'LS9' });
    expect(checkReprint({ certificates: ISSUED, slips: { started: 0, complete: 0 } }, [other], ['t']).counts.mismatches).toBe(1);
  });
});
