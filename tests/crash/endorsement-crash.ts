/**
 * The HK/Macau endorsement in the crash harness: a cooperative citizen at the certificate unit
 * (a worn chip in `refund`, nobody at the gate in `walk-away`), the citizen at the screen, the
 * unit's events to kill at, and the permit's checks: out of the unit, with the citizen or in the
 * retain bin with a record saying so, the endorsement on its chip exactly when delivered.
 */
import { systemClock } from '../../drivers/common/clock';
import type { StoredRecord } from '../../simulators/central/central-store';
import type { CertificateUnitSimState, SimCard } from '../../simulators/certificate-unit/state';
import { TEST_PERMITS } from '../../simulators/certificate-unit/test-data';
import { CooperativeCitizen } from '../../simulators/citizen/cooperative-citizen';
import { payloadOf } from './checks';
import type { CrashService, ServiceVerdict } from './crash-service';
import type { DeviceEvent, Scenario } from './protocol';

const POLL_MS = 50;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const permit = TEST_PERMITS[0]!;

interface EndorsementPayload {
  readonly outcome?: string;
  readonly permitNumber?: string | null;
  readonly endorsement?: { readonly code: string; readonly validity: string; readonly validTo: string } | null;
  readonly permitFate?: string | null;
}

export interface EndorsementFacts {
  readonly unit: CertificateUnitSimState;
  /** The permit the citizen carries. */
  readonly permitNumber: string;
}

/** Has the device event happened, judging by the certificate unit's picture? */
function happened(event: DeviceEvent, state: CertificateUnitSimState, before: { taken: number; retained: number; endorsements: string }): boolean {
  switch (event) {
    case 'permit-taken':
      return state.taken.length > before.taken;
    case 'permit-retained':
      return state.retained.length > before.retained;
    case 'chip-written':
      return state.card?.kind === 'permit' && JSON.stringify(state.card.permit.endorsements) !== before.endorsements;
    default:
      return false;
  }
}

function describeCard(card: SimCard | undefined): string {
  if (!card) return 'no card';
  return card.kind === 'permit' ? `permit ${card.permit.permitNumber}` : `certificate from slot ${card.slot}`;
}

/** The permit: out of the unit, with the citizen or in the retain bin with a record saying so. */
export function checkPermit(facts: EndorsementFacts, records: readonly StoredRecord[], retainedRecords: readonly StoredRecord[], txnIds: readonly string[]): ServiceVerdict {
  const problems: string[] = [];
  let permitsUnaccounted = 0;
  let mismatches = 0;
  const unitHolds = facts.unit.card;
  if (unitHolds !== undefined || facts.unit.location !== 'none') {
    permitsUnaccounted++;
    problems.push(`permit unaccounted for: the unit still holds ${describeCard(unitHolds)} at ${facts.unit.location}`);
  }
  const isOurs = (card: SimCard) => card.kind === 'permit' && card.permit.permitNumber === facts.permitNumber;
  const taken = facts.unit.taken.filter(isOurs);
  const retained = facts.unit.retained.filter(isOurs);
  for (const txnId of txnIds) {
    const record = records.find((r) => r.txnId === txnId);
    if (!record) continue; // counted as lost
    const payload = payloadOf(record) as EndorsementPayload;
    const fate = payload.permitFate ?? null;
    const where = taken.length + retained.length;
    if (where > 1) {
      permitsUnaccounted++;
      problems.push(`permit unaccounted for: the permit came out of the unit ${where} times (${taken.length} taken, ${retained.length} retained)`);
    } else if (retained.length === 1) {
      if (!retainedRecords.some((r) => payloadOf(r).relatedTxnId === txnId)) {
        permitsUnaccounted++;
        problems.push(`permit unaccounted for: it is in the retain bin and central has no card-retained record for ${txnId} (fate ${String(fate)})`);
      }
      if (fate !== 'retained') {
        mismatches++;
        problems.push(`mismatch: ${txnId} says the permit was ${String(fate)}, it is in the retain bin`);
      }
    } else if (taken.length === 1) {
      // The flow read the permit, so it was inside: "never inserted" is then not what happened.
      if (fate !== 'taken' && (fate !== 'not-inserted' || payload.permitNumber)) {
        mismatches++;
        problems.push(`mismatch: ${txnId} says the permit was ${String(fate)}, the citizen took it from the gate`);
      }
    } else if (unitHolds === undefined && (fate !== 'not-inserted' || payload.permitNumber)) {
      // Neither taken nor retained and not in the unit: only a permit that never went in.
      permitsUnaccounted++;
      problems.push(`permit unaccounted for: ${txnId} (fate ${String(fate)}) and the permit never came out of the unit`);
    }
    const card = [...taken, ...retained][0];
    const onChip =
      card?.kind === 'permit' && payload.endorsement
        ? card.permit.endorsements.some((e) => e.code === payload.endorsement!.code && e.validity === payload.endorsement!.validity && e.validTo === payload.endorsement!.validTo)
        : false;
    if (payload.outcome === 'delivered' && !onChip) {
      permitsUnaccounted++;
      problems.push(`permit unaccounted for: ${txnId} was delivered but the permit's chip has no such endorsement`);
    }
    if (payload.outcome !== 'delivered' && onChip) {
      mismatches++;
      problems.push(`mismatch: ${txnId} ended ${String(payload.outcome)} but the endorsement is on the permit's chip`);
    }
  }
  return { counts: { permitsUnaccounted, mismatches }, problems };
}

export const endorsementCrash: CrashService<EndorsementFacts & { readonly retainedRecords: readonly StoredRecord[] }> = {
  service: 'hk-macau-endorsement',
  scenarios: ['deliver', 'refund', 'cancel', 'walk-away'],
  recordKind: 'endorsement',
  autoPay: (scenario) => scenario !== 'cancel',

  setUp({ unit }, scenario: Scenario) {
    const citizen = new CooperativeCitizen(unit, { clock: systemClock, permit, insertAfterMs: 100, takeAfterMs: 150 });
    const offs: Array<() => void> = [];
    citizen.start();
    // A worn chip: every write fails, before and after the crash, so the paid endorsement is refunded.
    if (scenario === 'refund') unit.chipWriteFails();
    // The citizen puts the permit in and leaves: once it is inside, nobody takes it from the gate.
    if (scenario === 'walk-away') offs.push(unit.onChange((state) => void (state.location === 'rf' && (citizen.enabled = false))));
    return () => {
      for (const off of offs) off();
      citizen.stop();
    };
  },

  deviceEvents: (scenario) =>
    scenario === 'deliver' ? ['chip-written', 'permit-taken'] : scenario === 'walk-away' ? ['permit-retained'] : scenario === 'refund' || scenario === 'cancel' ? ['permit-taken'] : [],

  watchDevice({ unit }, event, kill) {
    const before = { taken: unit.state.taken.length, retained: unit.state.retained.length, endorsements: JSON.stringify(permit.record.endorsements) };
    return unit.onChange((state) => void (happened(event, state, before) && kill()));
  },

  centralEvents: (scenario) =>
    scenario === 'refund'
      ? ['payment-created', 'refund-made', 'records-stored']
      : scenario === 'cancel'
        ? ['payment-created', 'payment-cancelled', 'records-stored']
        : ['payment-created', 'records-stored'],

  /** One citizen at the screen: starts the endorsement, picks the first option, pays or cancels, presses done. */
  async drive(screen, scenario) {
    const { host } = screen;
    let chosen = false;
    let cancelled = false;
    for (;;) {
      if (Date.now() > screen.deadline) screen.fail(`session stuck at ${host.sessions.view.step}`);
      const view = host.sessions.view;
      if (view.step === 'choose-endorsement' && !chosen) {
        chosen = true;
        await screen.call('chooseOption', { index: 0 });
      } else if (view.step === 'pay' && scenario === 'cancel' && !cancelled) {
        cancelled = true;
        await screen.call('cancelSession');
      } else if (view.step === 'flow-done') {
        await screen.call('finishSession');
        return;
      } else if (view.step === 'idle' || view.step === 'failed') {
        screen.fail(`session ended without its end screen (${view.step})`);
      }
      await sleep(POLL_MS);
    }
  },

  gather: ({ unit, central, kioskId }) => ({
    unit: unit.state,
    permitNumber: permit.record.permitNumber,
    retainedRecords: central.store.records(kioskId).filter((r) => r.kind === 'card-retained'),
  }),

  check: (facts, records, txnIds) => checkPermit(facts, records, facts.retainedRecords, txnIds),
};
