import { randomUUID } from 'node:crypto';
import type { Journal } from '../store/journal';

/** What a staff action's records carry: the staff id (a service number, not an ID number). */
export interface StaffRecordDeps {
  readonly journal: Journal;
  readonly now: () => number;
  /** A record was queued: send it soon. */
  readonly onRecordQueued: () => void;
}

/** Staff actions as their journal rows name them (counted later: test prints since the paper change). */
export type StaffAction =
  | 'maintenance-opened'
  | 'maintenance-closed'
  | 'maintenance-timed-out'
  | 'pin-refused'
  | 'entry-locked'
  | 'entry-refused-locked'
  | 'magazine-loaded'
  | 'retain-bin-emptied'
  | 'paper-replaced'
  | 'test-print'
  | 'camera-test'
  | 'out-of-service'
  | 'in-service'
  | 'export';

export const AUDIT_KIND = 'audit';

/**
 * Journals one staff action and queues its records in the same SQLite transaction: always an
 * `audit` record, and, for the actions central tracks on their own (`magazine-loaded`,
 * `retain-bin-emptied`), that record too, each with a fresh txnId. Nothing personal goes in: no
 * PIN, no ID number, no name; the journal row keeps the action only.
 */
export function recordStaffAction(
  deps: StaffRecordDeps,
  staffId: string | null,
  action: StaffAction,
  detail: Readonly<Record<string, unknown>> = {},
  own?: { readonly kind: 'magazine-loaded' | 'retain-bin-emptied'; readonly payload: Readonly<Record<string, unknown>> },
): string {
  const now = deps.now();
  const occurredAt = new Date(now).toISOString();
  const txnId = randomUUID();
  const ownTxnId = own ? randomUUID() : undefined;
  const records = [
    { txnId, kind: AUDIT_KIND, occurredAt, payload: { staffId, action, ...detail, ...(ownTxnId ? { relatedTxnId: ownTxnId } : {}) } },
    ...(own && ownTxnId ? [{ txnId: ownTxnId, kind: own.kind, occurredAt, payload: { staffId, ...own.payload } }] : []),
  ];
  deps.journal.record({ txnId, kind: AUDIT_KIND, state: 'completed', data: { action } }, now, records);
  deps.onRecordQueued();
  return txnId;
}
