/**
 * Certificate pickup in the crash harness: the citizen types 李样例's ID number, her reissued card
 * comes out of magazine slot 1, and a cooperative citizen takes it from the gate (`pickup-collect`)
 * or nobody does and the unit retains it (`pickup-walk-away`). Its own checks: the certificate is
 * in exactly one place (its slot, the citizen's hand, the retain bin) and the record says which;
 * a retained one has a card-retained record; the unit holds nothing at the end.
 */
import { systemClock } from '../../drivers/common/clock';
import type { StoredRecord } from '../../simulators/central/central-store';
import type { CertificateUnitSimState, SimCard } from '../../simulators/certificate-unit/state';
import { CooperativeCitizen } from '../../simulators/citizen/cooperative-citizen';
import { testCards } from '../../simulators/id-reader/test-cards';
import { payloadOf } from './checks';
import type { CrashService, ServiceVerdict } from './crash-service';
import type { DeviceEvent } from './protocol';

const POLL_MS = 50;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The test registry's waiting certificate (central's list and the unit's sample magazine agree on it). */
const SLOT = 1;
const HOLDER = testCards['resident-elderly'].text.idNumber;

export interface PickupFacts {
  readonly unit: CertificateUnitSimState;
  readonly retainedRecords: readonly StoredRecord[];
}

interface PickupPayload {
  readonly outcome?: string;
  readonly certificateId?: string | null;
  readonly dispensed?: boolean;
  readonly fate?: string | null;
}

const fromSlot = (card: SimCard) => card.kind === 'certificate' && card.slot === SLOT;

function happened(event: DeviceEvent, state: CertificateUnitSimState, before: { readonly taken: number; readonly retained: number }): boolean {
  switch (event) {
    case 'certificate-dispensed':
      return state.location === 'gate' && state.card !== undefined && fromSlot(state.card);
    case 'certificate-taken':
      return state.taken.filter(fromSlot).length > before.taken;
    case 'certificate-retained':
      return state.retained.filter(fromSlot).length > before.retained;
    default:
      return false;
  }
}

/** The certificate is in one place, and the record says the same place. */
export function checkCertificatePlace(facts: PickupFacts, records: readonly StoredRecord[], txnIds: readonly string[]): ServiceVerdict {
  const problems: string[] = [];
  let permitsUnaccounted = 0;
  let mismatches = 0;
  if (facts.unit.card !== undefined || facts.unit.location !== 'none') {
    permitsUnaccounted++;
    problems.push(`certificate unaccounted for: the unit still holds a card at ${facts.unit.location}`);
  }
  const inSlot = facts.unit.magazine[SLOT - 1] !== undefined;
  const taken = facts.unit.taken.filter(fromSlot).length;
  const retained = facts.unit.retained.filter(fromSlot).length;
  if (Number(inSlot) + taken + retained !== 1 && facts.unit.card === undefined) {
    permitsUnaccounted++;
    problems.push(`certificate unaccounted for: in its slot ${inSlot}, taken ${taken} times, retained ${retained} times`);
  }
  for (const txnId of txnIds) {
    const record = records.find((r) => r.txnId === txnId);
    if (!record) continue; // counted as lost
    const payload = payloadOf(record) as PickupPayload;
    const said = payload.outcome;
    const actual = taken === 1 ? 'collected' : retained === 1 ? 'retained' : inSlot ? 'not-collected' : 'nowhere';
    if (said === 'unknown') {
      permitsUnaccounted++;
      problems.push(`certificate unaccounted for: ${txnId} says nobody knows where it went (it was ${actual})`);
    } else if (said !== actual) {
      mismatches++;
      problems.push(`mismatch: ${txnId} says ${String(said)}, the certificate was ${actual}`);
    }
    if (payload.dispensed !== !inSlot) {
      mismatches++;
      problems.push(`mismatch: ${txnId} says dispensed ${String(payload.dispensed)}, the slot is ${inSlot ? 'loaded' : 'empty'}`);
    }
    if (retained === 1 && !facts.retainedRecords.some((r) => payloadOf(r).relatedTxnId === txnId)) {
      permitsUnaccounted++;
      problems.push(`certificate unaccounted for: it is in the retain bin and central has no card-retained record for ${txnId}`);
    }
  }
  return { counts: { permitsUnaccounted, mismatches }, problems };
}

export const pickupCrash: CrashService<PickupFacts> = {
  service: 'certificate-pickup',
  scenarios: ['pickup-collect', 'pickup-walk-away'],
  recordKind: 'certificate-pickup',
  autoPay: () => false,

  setUp({ unit }, scenario) {
    if (scenario === 'pickup-walk-away') return () => undefined;
    const citizen = new CooperativeCitizen(unit, { clock: systemClock, takeAfterMs: 150 });
    citizen.start();
    return () => citizen.stop();
  },

  deviceEvents: (scenario) => (scenario === 'pickup-walk-away' ? ['certificate-dispensed', 'certificate-retained'] : ['certificate-dispensed', 'certificate-taken']),

  watchDevice({ unit }, event, kill) {
    const before = { taken: unit.state.taken.filter(fromSlot).length, retained: unit.state.retained.filter(fromSlot).length };
    return unit.onChange((state) => void (happened(event, state, before) && kill()));
  },

  centralEvents: () => ['records-stored'],

  /** The citizen: the ID-number way, the number typed and confirmed, then waits for the end and presses done. */
  async drive(screen) {
    const { host } = screen;
    await screen.call('chooseOption', { index: 0 });
    for (const key of HOLDER) await screen.call('keypadInput', { key });
    await screen.call('confirmStep');
    for (;;) {
      if (Date.now() > screen.deadline) screen.fail(`session stuck at ${host.sessions.view.step}`);
      const view = host.sessions.view;
      if (view.step === 'pickup-done') {
        await screen.call('finishSession');
        return;
      }
      if (view.step === 'idle' || view.step === 'failed') screen.fail(`session ended without its end screen (${view.step})`);
      await sleep(POLL_MS);
    }
  },

  gather: ({ unit, central, kioskId }) => ({ unit: unit.state, retainedRecords: central.store.records(kioskId).filter((r) => r.kind === 'card-retained') }),

  check: checkCertificatePlace,
};
