import type { QueryActions } from '../progress-query/query-actions';

/** What the pickup's screens send: the common actions and the keypad's. */
export type PickupActions = QueryActions;
