import { type ServiceAvailability, ServiceId } from '../../api/contract';
import { RefusedError } from '../api/dispatcher';

/** The devices a service cannot run without. */
export type NeededDevice = 'idReader' | 'printer' | 'certificateUnit' | 'camera';

/**
 * What each service this build runs needs.
 */
export const SERVICE_NEEDS: Readonly<Partial<Record<ServiceId, readonly NeededDevice[]>>> = {
  // The card is lost: the ID number is typed, no reader. The face and the ID photo need the
  // camera; the receipt and the temporary certificate need the printer.
  'id-reissue': ['camera', 'printer'],
  // The receipt printer is not needed: without paper the endorsement still completes and the
  // receipt is reprintable from the transaction number.
  'hk-macau-endorsement': ['idReader', 'certificateUnit', 'camera'],
  // Typing the application number needs no device (central is always configured: remote or the
  // embedded simulator); the ID-card way is offered inside the flow only while the reader serves.
  'progress-query': [],
  // The ID number or pickup code is typed: no reader. The face is checked, the unit hands it out.
  'certificate-pickup': ['certificateUnit', 'camera'],
  // The card is lost: the number is typed, no reader. The face needs the camera, the slip the printer.
  'certificate-reprint': ['camera', 'printer'],
};

export interface OfferInput {
  /** Staff or central holds the kiosk out of service (each persisted across restarts, kiosk-state.ts). */
  readonly outOfService: boolean;
  /** Why new transactions cannot be taken (storage corrupt or full, disk low), or null. */
  readonly storageProblem: string | null;
  /** A transaction from before a restart is still being finished with the devices. */
  readonly recovering: boolean;
  /** The devices have not answered their first question since start-up (a few tenths of a second, up to the unit's INIT). */
  readonly devicesStarting?: boolean;
  /** Field staff have the screen (maintenance mode, from the PIN step on). */
  readonly maintenanceOpen?: boolean;
  /** Services this kiosk is enrolled for (from configuration / enrolment). */
  readonly enrolled: readonly ServiceId[];
  /** Whether a device can serve a citizen now (online, or busy with one). */
  readonly deviceUsable: (device: NeededDevice) => boolean;
}

/**
 * Which services the attract screen offers, and why the others are not. The host, not the
 * screen, decides: `startService` for a service this does not offer is refused.
 */
export function offeredServices(input: OfferInput): ServiceAvailability[] {
  return ServiceId.options.map((id): ServiceAvailability => {
    if (input.outOfService) return { id, available: false, reasonKey: 'services.kioskOutOfService' };
    if (input.storageProblem) return { id, available: false, reasonKey: 'services.kioskOutOfService' };
    if (input.maintenanceOpen) return { id, available: false, reasonKey: 'services.inMaintenance' };
    if (input.recovering) return { id, available: false, reasonKey: 'services.finishingPrevious' };
    const needs = SERVICE_NEEDS[id];
    if (!needs) return { id, available: false, reasonKey: 'services.notYetAvailable' };
    if (!input.enrolled.includes(id)) return { id, available: false, reasonKey: 'services.notOfferedHere' };
    const usable = needs.every((device) => input.deviceUsable(device));
    if (usable) return { id, available: true, reasonKey: null };
    // Not answered yet is not broken: the screen says it is getting ready, not under maintenance.
    return { id, available: false, reasonKey: input.devicesStarting ? 'services.startingUp' : 'services.deviceOutOfService' };
  });
}

/** Throws the refusal the screen gets when it asks for a service that is not offered. */
export function assertOffered(offer: readonly ServiceAvailability[], service: ServiceId): void {
  const entry = offer.find((s) => s.id === service);
  if (!entry?.available) {
    throw new RefusedServiceError(service, entry?.reasonKey ?? 'services.notYetAvailable');
  }
}

export class RefusedServiceError extends RefusedError {
  constructor(
    readonly service: ServiceId,
    reasonKey: string,
  ) {
    super(`the service ${service} is not offered now (${reasonKey})`, reasonKey);
  }
}
