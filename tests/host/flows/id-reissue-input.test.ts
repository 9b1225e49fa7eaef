/**
 * The ID reissue's pure parts: the keypad's rules and the checks as the number is typed, the
 * application numbers the kiosk assigns, the delivery choices from central's answer, and what
 * recovery does in each state.
 */
import { describe, expect, it } from 'vitest';
import { applicationNumbers } from '../../../main/host/flows/id-reissue/application-number';
import { idReissueRecovery } from '../../../main/host/flows/id-reissue/definition';
import { deliveryChoices } from '../../../main/host/flows/id-reissue/delivery';
import { keyFits, typedProblem, typeKey } from '../../../main/host/flows/id-reissue/input';
import { isApplicationNo } from '../../../main/host/flows/progress-query/input';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { storeRig } from '../store/store-rig';

const TODAY = new Date(Date.UTC(2026, 10, 23));
const RESIDENT = testCards.resident.text.idNumber;

describe('ID number keypad', () => {
  it('takes digits up to 18, X only as the check character, delete only when something is typed', () => {
    expect(keyFits('', '5')).toBe(true);
    expect(keyFits('', 'X')).toBe(false);
    expect(keyFits('', 'delete')).toBe(false);
    expect(keyFits('4401061990030700', 'X')).toBe(false);
    expect(keyFits('44010619900307001', 'X')).toBe(true);
    expect(keyFits(RESIDENT, '1')).toBe(false);
    expect(keyFits('440', 'A')).toBe(false);
    expect(typeKey('440', 'delete')).toBe('44');
    expect(typeKey('440', '1')).toBe('4401');
  });

  it('names the wrong part as soon as it shows: year at 10, month at 12, date at 14, check character at 18', () => {
    expect(typedProblem('440106', TODAY)).toBeNull();
    expect(typedProblem('4401061850', TODAY)).toBe('birth-date');
    expect(typedProblem('4401062030', TODAY)).toBe('birth-date');
    expect(typedProblem('440106199013', TODAY)).toBe('birth-date');
    expect(typedProblem('44010619900230', TODAY)).toBe('birth-date');
    expect(typedProblem('44010619900229', TODAY)).toBe('birth-date');
    expect(typedProblem('44010619960229', TODAY)).toBeNull();
    expect(typedProblem(RESIDENT, TODAY)).toBeNull();
    const wrongCheck = `${RESIDENT.slice(0, 17)}${RESIDENT[17] === '0' ? '1' : '0'}`;
    expect(typedProblem(wrongCheck, TODAY)).toBe('check-digit');
    // Born after today: not a real number yet.
    expect(typedProblem('44010620261224', TODAY)).toBe('birth-date');
  });
});

describe('application numbers', () => {
  it('are <kioskId>-<yyyymmdd>-<seq>: the tenth of a second of the day, kept increasing in the journal across restarts and a clock set back; they fit the progress query keypad', () => {
    const rig = storeRig();
    const at = Date.UTC(2026, 10, 23, 5, 0, 0, 0);
    const first = rig.open();
    const next = applicationNumbers((name, atLeast) => first.journal.nextInSequence(name, atLeast));
    const numbers = [next('GD-GZ-0001', at), next('GD-GZ-0001', at), next('GD-GZ-0001', at + 50)];
    expect(numbers).toEqual(['GD-GZ-0001-20261123-180000', 'GD-GZ-0001-20261123-180001', 'GD-GZ-0001-20261123-180002']);
    expect(next('GD-GZ-0001', Date.UTC(2026, 10, 24, 0, 0, 0, 10))).toBe('GD-GZ-0001-20261124-0');
    first.close();
    // Restarted, with the clock set back an hour into the first day: the day's count goes on.
    const again = rig.open();
    const afterRestart = applicationNumbers((name, atLeast) => again.journal.nextInSequence(name, atLeast))('GD-GZ-0001', at - 3_600_000);
    again.close();
    expect(afterRestart).toBe('GD-GZ-0001-20261123-180003');
    // A new journal the same day (a replaced disk) starts from the clock, past the old numbers.
    const replaced = storeRig().open();
    expect(applicationNumbers((name, atLeast) => replaced.journal.nextInSequence(name, atLeast))('GD-GZ-0001', at + 60_000)).toBe('GD-GZ-0001-20261123-180600');
    replaced.close();
    for (const no of [...numbers, afterRestart]) expect(isApplicationNo(no)).toBe(true);
  });
});

describe('delivery choices', () => {
  const station = { code: '440104-01', name: '越秀派出所', address: '越秀路1号' };
  it('lists this kiosk, each station and the registered address, in central order; no address without central', () => {
    const terms = { feeFen: 4000, photoOnRecord: true, deliveryOptions: ['this-kiosk', 'station', 'mail-registered-address'] as const, stations: [station, { ...station, code: '2' }], registeredAddressMasked: '广东省*****' };
    expect(deliveryChoices({ ...terms, deliveryOptions: [...terms.deliveryOptions] }).map((c) => c.kind)).toEqual(['this-kiosk', 'station', 'station', 'mail-registered-address']);
    expect(deliveryChoices({ ...terms, deliveryOptions: ['mail-registered-address'], registeredAddressMasked: null })).toEqual([]);
    expect(deliveryChoices(undefined)).toEqual([]);
  });
});

describe('recovery', () => {
  it('ends before payment, settles a payment that may be open, resumes from payment on, never prints the certificate for nobody', () => {
    for (const state of ['enteringIdNumber', 'capturingFace', 'verifyingIdentity', 'confirmingIdentity', 'choosingReason', 'checkingEligibility', 'choosingPhoto', 'capturingIdPhoto', 'choosingDelivery']) {
      expect(idReissueRecovery(state)).toEqual({ goTo: 'ended', note: { failureKey: 'idReissue.failed.interrupted' } });
    }
    for (const state of ['creatingPayment', 'awaitingPayment', 'cancellingPayment']) expect(idReissueRecovery(state)).toMatchObject({ goTo: 'settlingPayment' });
    for (const state of ['issuingCertificate', 'printingReceipt', 'refunding', 'printingFailureReceipt', 'settlingPayment', 'refundingLate']) expect(idReissueRecovery(state)).toBe('resume');
    expect(idReissueRecovery('printingCertificate')).toEqual({ goTo: 'completed', note: { certificateFate: 'unknown' } });
  });
});
