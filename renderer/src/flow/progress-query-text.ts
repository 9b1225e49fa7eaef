/**
 * An application's status in plain words, as catalogue keys and values: received, in production,
 * ready for pickup at <place>, mailed with its tracking number, collected, rejected and why.
 * Pure, so it is unit-tested.
 */
import type { ApplicationProgress } from '../../../main/api/contract';

export interface StatusText {
  readonly key: string;
  readonly values: Readonly<Record<string, string>>;
  /** Why it was rejected, when the catalogue has words for central's reason. */
  readonly reasonKey: string | null;
}

export function statusText(application: ApplicationProgress, exists: (key: string) => boolean): StatusText {
  switch (application.status) {
    case 'ready-for-pickup':
      return application.pickup
        ? { key: 'progressQuery.status.readyAt', values: { place: application.pickup.name, address: application.pickup.address }, reasonKey: null }
        : { key: 'progressQuery.status.ready', values: {}, reasonKey: null };
    case 'mailed':
      return application.trackingNo
        ? { key: 'progressQuery.status.mailedWith', values: { trackingNo: application.trackingNo }, reasonKey: null }
        : { key: 'progressQuery.status.mailed', values: {}, reasonKey: null };
    case 'rejected': {
      const reason = application.rejectReason ? `progressQuery.rejectReason.${application.rejectReason}` : null;
      return { key: 'progressQuery.status.rejected', values: {}, reasonKey: reason && exists(reason) ? reason : 'progressQuery.rejectReason.other' };
    }
    case 'received':
      return { key: 'progressQuery.status.received', values: {}, reasonKey: null };
    case 'in-production':
      return { key: 'progressQuery.status.inProduction', values: {}, reasonKey: null };
    case 'collected':
      return { key: 'progressQuery.status.collected', values: {}, reasonKey: null };
    default:
      return application.status satisfies never;
  }
}
