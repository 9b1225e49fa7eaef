import type { QueryActions } from '../progress-query/query-actions';

/** What the pickup's screens send: the common actions, the keypad's, and a code read from a QR. */
export interface PickupActions extends QueryActions {
  readonly scanned: (code: string) => void;
}
