import type { Delivery, ReissueTerms } from './types';

/** The most stations one screen lists. */
export const MAX_STATIONS = 8;

/**
 * The delivery choices the screen lists, in central's order: this kiosk, one per station from
 * central's list, and the registered address (only when central gave it, masked). The citizen's
 * choice is an index into this list; no address is ever typed.
 */
export function deliveryChoices(terms: ReissueTerms | undefined): Delivery[] {
  if (!terms) return [];
  return terms.deliveryOptions.flatMap((option): Delivery[] => {
    switch (option) {
      case 'this-kiosk':
        return [{ kind: 'this-kiosk' }];
      case 'station':
        return terms.stations.slice(0, MAX_STATIONS).map((station) => ({ kind: 'station', station }));
      case 'mail-registered-address':
        return terms.registeredAddressMasked ? [{ kind: 'mail-registered-address', addressMasked: terms.registeredAddressMasked }] : [];
      default:
        return option satisfies never;
    }
  });
}
