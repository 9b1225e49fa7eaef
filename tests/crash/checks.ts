/**
 * The crash harness's verdict on one run, from what the world holds afterwards: the kiosk
 * journal (as the recovery child reported it), central's records and payments, and what the
 * service's own checks find (the permit, the temporary certificate). Pure: the harness gathers
 * the facts, this counts what is wrong.
 */
import type { PaymentView } from '../../simulators/central/payments';
import type { StoredRecord } from '../../simulators/central/central-store';
import type { ServiceVerdict } from './crash-service';
import type { ChildReport } from './protocol';

/**
 * The record's outcome: a paid service's, a certificate pickup's (collected, retained, not
 * collected), or a certificate reprint's (printed, not printed, unknown: the host died printing).
 */
export type Outcome = 'delivered' | 'refunded' | 'ended' | 'collected' | 'retained' | 'not-collected' | 'printed' | 'not-printed' | 'unknown' | 'none';
const OUTCOMES: ReadonlySet<string> = new Set(['delivered', 'refunded', 'ended', 'collected', 'retained', 'not-collected', 'printed', 'not-printed', 'unknown']);

export interface Counts {
  /** A transaction that started and did not reach a final state, or whose record never reached central. */
  readonly lost: number;
  /** More than one record for one transaction at central, a record for no transaction, a conflict (dead letter). */
  readonly duplicates: number;
  /** A paid payment with nothing delivered for it, or one still payable after the transaction ended. */
  readonly doubleCharges: number;
  /**
   * Something the citizen handed in or was handed that nobody can account for: a permit left in
   * the unit or retained without a record, delivered without its endorsement; a temporary
   * certificate issued or printed twice.
   */
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
}

/** The service's part of the verdict: its record kind and its own checks. */
export interface ServiceJudge {
  readonly recordKind: string;
  readonly check: (records: readonly StoredRecord[], txnIds: readonly string[]) => ServiceVerdict;
}

/** What every paying service's record says of its outcome and payment. */
interface PaidRecordPayload {
  readonly outcome?: string;
  readonly transactionNo?: string;
  readonly payment?: { readonly paymentId: string; readonly amountFen: number; readonly paid: boolean; readonly refunded: boolean } | null;
}

const FINAL = new Set(['completed', 'refunded', 'ended']);

export const payloadOf = (record: StoredRecord) => (JSON.parse(record.body) as { payload: Record<string, unknown> }).payload;

export function judge(facts: Facts, service: ServiceJudge): Verdict {
  const problems: string[] = [];
  let lost = 0;
  let duplicates = 0;
  let doubleCharges = 0;
  let permitsUnaccounted = 0;
  let mismatches = 0;

  const ownRecords = facts.records.filter((r) => r.kind === service.recordKind);
  const retainedRecords = facts.records.filter((r) => r.kind === 'card-retained');
  if (facts.txnIds.length !== 1) problems.push(`the session journaled ${facts.txnIds.length} transactions, expected 1`);

  // (a) Lost: each transaction final in the journal and its one record at central.
  for (const txnId of facts.txnIds) {
    const inJournal = facts.report?.transactions.find((t) => t.txnId === txnId);
    const atCentral = ownRecords.filter((r) => r.txnId === txnId);
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
  for (const record of ownRecords) {
    if (!facts.txnIds.includes(record.txnId)) {
      duplicates++;
      problems.push(`duplicate: central has a ${service.recordKind} record for ${record.txnId}, which the session never started`);
    }
  }
  const byTransactionNo = new Map<string, number>();
  for (const record of ownRecords) {
    const no = String(payloadOf(record).transactionNo);
    byTransactionNo.set(no, (byTransactionNo.get(no) ?? 0) + 1);
  }
  for (const [no, count] of byTransactionNo) {
    if (count > 1) {
      duplicates += count - 1;
      problems.push(`duplicate: ${count} ${service.recordKind} records carry transaction number ${no}`);
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

  // (c) Double charges: every payment that took money is one delivered transaction's.
  const delivered = ownRecords.map((r) => ({ record: r, payload: payloadOf(r) as PaidRecordPayload })).filter((e) => e.payload.outcome === 'delivered');
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

  // (d) The service's own: the permit and its chip, the temporary certificate.
  const own = service.check(ownRecords, facts.txnIds);
  problems.push(...own.problems);
  lost += own.counts.lost ?? 0;
  duplicates += own.counts.duplicates ?? 0;
  doubleCharges += own.counts.doubleCharges ?? 0;
  permitsUnaccounted += own.counts.permitsUnaccounted ?? 0;
  mismatches += own.counts.mismatches ?? 0;

  const first = ownRecords.find((r) => facts.txnIds.includes(r.txnId));
  const outcomeText = first ? String(payloadOf(first).outcome) : 'none';
  const outcome = (OUTCOMES.has(outcomeText) ? outcomeText : 'none') as Outcome;
  return { outcome, lost, duplicates, doubleCharges, permitsUnaccounted, mismatches, problems };
}
