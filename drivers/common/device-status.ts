/**
 * The one device status vocabulary of the kiosk, after XFS4IoT's Common.Status: every driver
 * reports one of these five states plus an English detail, and adds its own fields next to them
 * (card present, paper, cover, retain bin, stock, media...). The host, the heartbeat and the
 * technician tools read every device the same way; citizens never see any of it as text.
 */

/** Listed once so code that must handle every state (reports, tests) can iterate them. */
export const DEVICE_STATUSES = ['online', 'offline', 'busy', 'hardware-error', 'user-error'] as const;

/**
 * - `online`: ready to serve
 * - `offline`: does not answer (unplugged, powered off, port missing)
 * - `busy`: answers, and is in the middle of something (a print, a card move)
 * - `hardware-error`: answers, but a technician must act (jam, motor, SAM, cutter)
 * - `user-error`: answers, but a person must act first (paper out, cover open, card pulled)
 */
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** What every device status has in common; each driver's status type extends it. */
export interface CommonStatus {
  readonly status: DeviceStatus;
  /** What went wrong last, in English for technicians and logs; never shown to a citizen. */
  readonly detail?: string;
}

export type StatusChangeListener<S extends CommonStatus> = (status: S, previous: S) => void;

/** How every driver tells its health: one getter, one probe, one event. */
export interface StatusReporting<S extends CommonStatus> {
  /** The last known status, without talking to the device. */
  readonly status: S;
  /** Asks the device (reconnecting if needed). Never throws: a device that does not answer is offline. */
  getStatus(): Promise<S>;
  /** Called when the status changes; returns the unsubscribe function. */
  onStatusChange(listener: StatusChangeListener<S>): () => void;
}

/** Whether a device in this state can serve a citizen now; busy is in use by the kiosk itself. */
export function canServe(status: DeviceStatus): boolean {
  switch (status) {
    case 'online':
    case 'busy':
      return true;
    case 'offline':
    case 'hardware-error':
    case 'user-error':
      return false;
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}
