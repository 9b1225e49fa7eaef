import { ServiceId } from '../../api/contract';
import type { Db } from '../store/database';
import type { Journal } from '../store/journal';
import { AUDIT_KIND } from './staff-records';

/**
 * What maintenance reads back from the journal: counters, the cards retained since the bin was
 * last emptied, and a summary of the last days without anything personal. Sealed rows are opened
 * through the journal (which quarantines one it cannot read); only non-personal fields leave here.
 */

const ENDORSEMENT = 'hk-macau-endorsement';
const PICKUP = 'certificate-pickup';
const REISSUE = 'id-reissue';

/**
 * The persisted flow contexts as far as read here: an endorsement's (flows/endorsement/types.ts)
 * and a certificate pickup's (flows/certificate-pickup/types.ts).
 */
interface FlowFacts {
  readonly transactionNo?: string;
  readonly permit?: { readonly number?: string };
  readonly permitFate?: string;
  readonly receiptPrinted?: boolean;
  readonly certificate?: { readonly certificateId?: string };
  readonly fate?: string;
  /** ID reissue (flows/id-reissue/types.ts): the temporary certificate slip. */
  readonly certificateFate?: string;
}

function contextOf(data: unknown): FlowFacts {
  const snapshot = (data as { snapshot?: { context?: unknown } } | null)?.snapshot;
  const context = snapshot?.context;
  return context && typeof context === 'object' ? (context as FlowFacts) : {};
}

function rowsSince(db: Db, kind: string, sinceMs: number): string[] {
  return (db.prepare('SELECT txn_id FROM transactions WHERE kind = ? AND updated_at >= ? ORDER BY updated_at').all(kind, sinceMs) as Array<{ txn_id: string }>).map(
    (row) => row.txn_id,
  );
}

/** Start of the kiosk's local day that contains `nowMs`. */
export function startOfLocalDay(nowMs: number): number {
  const day = new Date(nowMs);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** Citizen transactions begun since `sinceMs` (every service, whatever the outcome). */
export function transactionsSince(db: Db, sinceMs: number): number {
  const kinds = ServiceId.options;
  const row = db
    .prepare(`SELECT COUNT(*) AS n FROM transactions WHERE created_at >= ? AND kind IN (${kinds.map(() => '?').join(',')})`)
    .get(sinceMs, ...kinds) as { n: number };
  return row.n;
}

/** Slips a transaction printed on the receipt paper: its receipt, and an ID reissue's temporary certificate. */
const slipsOf = (facts: FlowFacts): number => (facts.receiptPrinted === true ? 1 : 0) + (facts.certificateFate === 'printed' ? 1 : 0);

/** Slips printed on the receipt paper since `sinceMs`: receipts, temporary certificates, staff test slips. */
export function receiptsSince(db: Db, journal: Journal, sinceMs: number): number {
  let slips = 0;
  for (const kind of [ENDORSEMENT, REISSUE]) {
    for (const txnId of rowsSince(db, kind, sinceMs)) slips += slipsOf(contextOf(journal.get(txnId)?.data));
  }
  const testPrints = rowsSince(db, AUDIT_KIND, sinceMs).filter((txnId) => (journal.get(txnId)?.data as { action?: string } | null)?.action === 'test-print').length;
  return slips + testPrints;
}

export interface RetainedCard {
  readonly txnId: string;
  readonly transactionNo: string;
  /** A citizen's permit not taken back, or a finished certificate not taken at pickup. */
  readonly kind: 'permit' | 'certificate';
  /** The permit number masked, or the certificate's id (central's, nothing personal). */
  readonly label: string;
  readonly retainedAtMs: number;
}

/** A permit number shown with its middle hidden: the first two and last two characters. */
export const maskPermitNumber = (number: string): string => (number.length <= 4 ? '*'.repeat(number.length) : `${number.slice(0, 2)}${'*'.repeat(number.length - 4)}${number.slice(-2)}`);

/** What went into the bin in one transaction of this kind, or null. */
const RETAINED: Readonly<Record<string, (facts: FlowFacts) => Pick<RetainedCard, 'kind' | 'label'> | null>> = {
  [ENDORSEMENT]: (facts) => (facts.permitFate === 'retained' ? { kind: 'permit', label: maskPermitNumber(facts.permit?.number ?? '?') } : null),
  [PICKUP]: (facts) => (facts.fate === 'retained' ? { kind: 'certificate', label: facts.certificate?.certificateId ?? '?' } : null),
};

/** Permits (endorsement) and certificates (pickup) that went into the retain bin since `sinceMs`, oldest first. */
export function retainedSince(db: Db, journal: Journal, sinceMs: number): RetainedCard[] {
  const out: RetainedCard[] = [];
  for (const [kind, retained] of Object.entries(RETAINED)) {
    for (const txnId of rowsSince(db, kind, sinceMs)) {
      const txn = journal.get(txnId);
      const facts = contextOf(txn?.data);
      const card = txn ? retained(facts) : null;
      if (txn && card) out.push({ txnId, transactionNo: facts.transactionNo ?? txnId.slice(0, 8), ...card, retainedAtMs: txn.updatedAt });
    }
  }
  return out.sort((a, b) => a.retainedAtMs - b.retainedAtMs);
}

export interface JournalDaySummary {
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
  /** kind -> state -> how many transactions were last touched that day in that state. */
  readonly byKind: Record<string, Record<string, number>>;
}

const localDate = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Counts per day, kind and state for the last `days` days: numbers only, nothing sealed is opened. */
export function journalSummary(db: Db, nowMs: number, days: number): JournalDaySummary[] {
  const since = startOfLocalDay(nowMs) - (days - 1) * 24 * 60 * 60 * 1000;
  const rows = db.prepare('SELECT kind, state, updated_at FROM transactions WHERE updated_at >= ?').all(since) as Array<{ kind: string; state: string; updated_at: number }>;
  const byDate = new Map<string, Record<string, Record<string, number>>>();
  for (let day = 0; day < days; day++) byDate.set(localDate(since + day * 24 * 60 * 60 * 1000 + 12 * 60 * 60 * 1000), {});
  for (const row of rows) {
    const date = localDate(row.updated_at);
    const kinds = byDate.get(date) ?? {};
    const states = (kinds[row.kind] ??= {});
    states[row.state] = (states[row.state] ?? 0) + 1;
    byDate.set(date, kinds);
  }
  return [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, byKind]) => ({ date, byKind }));
}
