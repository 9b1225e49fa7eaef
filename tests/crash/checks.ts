/**
 * The crash harness's verdict on one run, from what the world holds afterwards: the kiosk
 * journal (as the recovery child reported it), central's records and payments, and the
 * certificate unit. Pure: the harness gathers the facts, this counts what is wrong.
 */
import type { PaymentView } from '../../simulators/central/payments';
import type { StoredRecord } from '../../simulators/central/central-store';
import type { CertificateUnitSimState, SimCard } from '../../simulators/certificate-unit/state';
import type { ChildReport } from './protocol';

export type Outcome = 'delivered' | 'refunded' | 'ended' | 'none';

export interface Counts {
  /** A transaction that started and did not reach a final state, or whose record never reached central. */
  readonly lost: number;
  /** More than one record for one transaction at central, a record for no transaction, a conflict (dead letter). */
  readonly duplicates: number;
  /** A paid payment with no delivered endorsement for it, or one still payable after the transaction ended. */
  readonly doubleCharges: number;
  /** A permit left in the unit, gone without a trace, retained without a record, or delivered without the endorsement on its chip. */
  readonly permitsUnaccounted: number;
  /** What central was told differs from the world (an endorsement on the chip of a refunded transaction, a fate that did not happen). */
  readonly mismatches: number;
}

export interface Verdict extends Counts {
  readonly outcome: Outcome;
  /** One line per count above, saying what was found. */
  readonly problems: readonly string[];
}

export interface Facts {
  /** The transactions the session child journaled (normally one). */
  readonly txnIds: readonly string[];
  /** Undefined when the recovery child never reported (it failed or hung). */
  readonly report: ChildReport | undefined;
  /** Everything central stored for the kiosk. */
  readonly records: readonly StoredRecord[];
  /** Every payment central knows, settled as of now. */
  readonly payments: readonly PaymentView[];
  readonly unit: CertificateUnitSimState;
  /** The permit the citizen carries. */
  readonly permitNumber: string;
}

interface EndorsementPayload {
  readonly outcome?: string;
  readonly transactionNo?: string;
  readonly permitNumber?: string | null;
  readonly endorsement?: { readonly code: string; readonly validity: string; readonly validTo: string } | null;
  readonly payment?: { readonly paymentId: string; readonly amountFen: number; readonly paid: boolean; readonly refunded: boolean } | null;
  readonly permitFate?: string | null;
  readonly written?: boolean;
}

const FINAL = new Set(['completed', 'refunded', 'ended']);

const payloadOf = (record: StoredRecord) => (JSON.parse(record.body) as { payload: Record<string, unknown> }).payload;

export function judge(facts: Facts): Verdict {
  const problems: string[] = [];
  let lost = 0;
  let duplicates = 0;
  let doubleCharges = 0;
  let permitsUnaccounted = 0;
  let mismatches = 0;

  const endorsements = facts.records.filter((r) => r.kind === 'endorsement');
  const retainedRecords = facts.records.filter((r) => r.kind === 'card-retained');
  if (facts.txnIds.length !== 1) problems.push(`the session journaled ${facts.txnIds.length} transactions, expected 1`);

  // (a) Lost: each transaction final in the journal and its one record at central.
  for (const txnId of facts.txnIds) {
    const inJournal = facts.report?.transactions.find((t) => t.txnId === txnId);
    const atCentral = endorsements.filter((r) => r.txnId === txnId);
    if (!inJournal || !FINAL.has(inJournal.state)) {
      lost++;
      problems.push(`lost: ${txnId} is ${inJournal ? `still in ${inJournal.state}` : 'not readable in the journal (or recovery never reported)'}`);
    } else if (atCentral.length === 0) {
      lost++;
      problems.push(`lost: ${txnId} ended as ${inJournal.state} but central has no record of it`);
    }
  }
  if (facts.report && facts.report.unfinished > 0) problems.push(`${facts.report.unfinished} unfinished transactions left in the journal`);
  if (facts.report && facts.report.quarantined > 0) {
    lost += facts.report.quarantined;
    problems.push(`lost: ${facts.report.quarantined} journal rows could not be read and were quarantined`);
  }

  // (b) Duplicates and conflicts.
  for (const record of endorsements) {
    if (!facts.txnIds.includes(record.txnId)) {
      duplicates++;
      problems.push(`duplicate: central has an endorsement record for ${record.txnId}, which the session never started`);
    }
  }
  const byTransactionNo = new Map<string, number>();
  for (const record of endorsements) {
    const no = String(payloadOf(record).transactionNo);
    byTransactionNo.set(no, (byTransactionNo.get(no) ?? 0) + 1);
  }
  for (const [no, count] of byTransactionNo) {
    if (count > 1) {
      duplicates += count - 1;
      problems.push(`duplicate: ${count} endorsement records carry transaction number ${no}`);
    }
  }
  const retainedFor = new Map<string, number>();
  for (const record of retainedRecords) {
    const related = String(payloadOf(record).relatedTxnId);
    retainedFor.set(related, (retainedFor.get(related) ?? 0) + 1);
  }
  for (const [txnId, count] of retainedFor) {
    if (count > 1) {
      duplicates += count - 1;
      problems.push(`duplicate: ${count} card-retained records for ${txnId}`);
    }
  }
  for (const dead of facts.report?.deadLetters ?? []) {
    duplicates++;
    problems.push(`conflict: central refused ${dead.kind} ${dead.txnId} (${dead.code}: ${dead.message}); it sits in the dead letters`);
  }

  // (c) Double charges: every payment that took money is one delivered endorsement's.
  const delivered = endorsements.map((r) => ({ record: r, payload: payloadOf(r) as EndorsementPayload })).filter((e) => e.payload.outcome === 'delivered');
  const deliveredPaymentIds = new Set(delivered.map((e) => e.payload.payment?.paymentId).filter((id): id is string => typeof id === 'string'));
  let paidFen = 0;
  for (const payment of facts.payments) {
    if (payment.status === 'paid') {
      paidFen += payment.amountFen;
      if (!deliveredPaymentIds.has(payment.paymentId)) {
        doubleCharges++;
        problems.push(`double charge: ${payment.paymentId} (${payment.amountFen} fen) is paid and not refunded, and nothing was delivered for it`);
      }
    } else if (payment.status === 'pending') {
      doubleCharges++;
      problems.push(`double charge: ${payment.paymentId} is still payable after its transaction ended`);
    }
  }
  const deliveredFen = delivered.reduce((sum, e) => sum + (e.payload.payment?.amountFen ?? 0), 0);
  if (paidFen > deliveredFen && doubleCharges === 0) {
    doubleCharges++;
    problems.push(`double charge: ${paidFen} fen kept, ${deliveredFen} fen delivered`);
  }
  for (const { record, payload } of delivered) {
    const payment = facts.payments.find((p) => p.paymentId === payload.payment?.paymentId);
    if (payment?.status !== 'paid') {
      mismatches++;
      problems.push(`mismatch: ${record.txnId} says delivered but its payment is ${payment?.status ?? 'unknown to central'}`);
    }
  }

  // (d) The permit: out of the unit, with the citizen or in the retain bin with a record saying so.
  const unitHolds = facts.unit.card;
  if (unitHolds !== undefined || facts.unit.location !== 'none') {
    permitsUnaccounted++;
    problems.push(`permit unaccounted for: the unit still holds ${describeCard(unitHolds)} at ${facts.unit.location}`);
  }
  const isOurs = (card: SimCard) => card.kind === 'permit' && card.permit.permitNumber === facts.permitNumber;
  const taken = facts.unit.taken.filter(isOurs);
  const retained = facts.unit.retained.filter(isOurs);
  for (const txnId of facts.txnIds) {
    const record = endorsements.find((r) => r.txnId === txnId);
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
    const onChip = card?.kind === 'permit' && payload.endorsement
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

  const first = endorsements.find((r) => facts.txnIds.includes(r.txnId));
  const outcomeText = first ? String(payloadOf(first).outcome) : 'none';
  const outcome: Outcome = outcomeText === 'delivered' || outcomeText === 'refunded' || outcomeText === 'ended' ? outcomeText : 'none';
  return { outcome, lost, duplicates, doubleCharges, permitsUnaccounted, mismatches, problems };
}

function describeCard(card: SimCard | undefined): string {
  if (!card) return 'no card';
  return card.kind === 'permit' ? `permit ${card.permit.permitNumber}` : `certificate from slot ${card.slot}`;
}
