/** Turns DLE EOT replies into the driver's status, and a status into a print failure reason. */
import type { PrinterErrorCause, PrinterStatus, PrintFailureReason, StatusFault, StatusReply } from './types';

type Reply<N extends StatusReply['n']> = Extract<StatusReply, { n: N }>;

export interface StatusReplies {
  readonly printer: Reply<1>;
  readonly offlineCause: Reply<2>;
  readonly errorCause: Reply<3>;
  readonly paperSensor: Reply<4>;
}

export function composeStatus(replies: StatusReplies, checkedAt: number): PrinterStatus {
  const { printer, offlineCause, errorCause, paperSensor } = replies;
  const errors: PrinterErrorCause[] = [];
  if (errorCause.mechanical) errors.push('mechanical');
  if (errorCause.autocutter) errors.push('autocutter');
  if (errorCause.unrecoverable) errors.push('unrecoverable');
  if (errorCause.autoRecoverable) errors.push('auto-recoverable');
  const paperOut = paperSensor.paperEnd || offlineCause.stoppedByPaperEnd;
  const paper = paperOut ? 'out' : paperSensor.nearEnd ? 'near-end' : 'ok';
  const base = { paper, coverOpen: offlineCause.coverOpen, errors, checkedAt } as const;
  if (errorCause.mechanical || errorCause.autocutter || errorCause.unrecoverable) {
    return withDetail({ ...base, status: 'hardware-error' });
  }
  // Cover and paper need a person: XFS calls that a user error.
  if (offlineCause.coverOpen || paperOut) return withDetail({ ...base, status: 'user-error' });
  // An auto-recoverable error (head too hot) clears by itself: the printer is busy, not broken.
  if (errorCause.autoRecoverable) return withDetail({ ...base, status: 'busy' });
  if (offlineCause.errorOccurred) return withDetail({ ...base, status: 'hardware-error' }, 'error reported without a cause');
  if (printer.offline) return withDetail({ ...base, status: 'offline', fault: 'reported-offline' });
  return { ...base, status: 'online' };
}

/** A status when the printer could not be read at all. */
export function unreadableStatus(fault: StatusFault, checkedAt: number): PrinterStatus {
  const status = fault === 'garbage-reply' ? 'hardware-error' : 'offline';
  return withDetail({ status, paper: 'unknown', coverOpen: false, errors: [], fault, checkedAt });
}

const FAULT_DETAILS: { readonly [F in StatusFault]: string } = {
  'no-reply': 'no reply to DLE EOT',
  'garbage-reply': 'replies to DLE EOT are not status bytes',
  disconnected: 'link closed',
  'open-failed': 'port cannot be opened',
  'reported-offline': 'printer says offline without a cause',
  'not-checked': 'not asked yet',
};

/** The common English detail for technicians, built from the printer's own fields. */
function withDetail(status: Omit<PrinterStatus, 'detail'>, ...extra: string[]): PrinterStatus {
  const parts = [...extra];
  if (status.fault !== undefined) parts.push(FAULT_DETAILS[status.fault]);
  if (status.paper === 'out') parts.push('paper out');
  if (status.coverOpen) parts.push('cover open');
  if (status.errors.length > 0) parts.push(`errors: ${status.errors.join(', ')}`);
  return parts.length === 0 ? status : { ...status, detail: parts.join('; ') };
}

/**
 * Why a job must not be sent (before) or was not printed (after the cut); undefined when fine.
 * After the cut a missing reply means the outcome is unknown, hence `timeout`, not `offline`.
 */
export function failureReasonFor(status: PrinterStatus, phase: 'before' | 'after'): PrintFailureReason | undefined {
  switch (status.status) {
    case 'online':
      return undefined;
    case 'offline':
      if (status.fault === 'disconnected') return phase === 'after' ? 'disconnected' : 'offline';
      if (status.fault === 'no-reply' && phase === 'after') return 'timeout';
      return 'offline';
    case 'user-error':
      if (status.paper === 'out') return 'paper-out';
      if (status.coverOpen) return 'cover-open';
      return 'hardware-error';
    case 'hardware-error':
      return status.fault === 'garbage-reply' ? 'garbage-reply' : 'hardware-error';
    case 'busy':
      return 'hardware-error';
    default: {
      const unreachable: never = status.status;
      return unreachable;
    }
  }
}

/** Whether two readings differ in anything but their time (drives status-change events). */
export function sameStatus(a: PrinterStatus, b: PrinterStatus): boolean {
  return (
    a.status === b.status &&
    a.paper === b.paper &&
    a.coverOpen === b.coverOpen &&
    a.fault === b.fault &&
    a.errors.length === b.errors.length &&
    a.errors.every((error, index) => b.errors[index] === error)
  );
}
