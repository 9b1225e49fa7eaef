/**
 * What hands do at the ID reader of a running host: a card already lying there is taken off (and
 * the host's idle watch sees the reader empty) before another is laid down. The idle watch reads a
 * card only when it arrives (main/host/maintenance/staff-card-watch.ts), so a card swapped with no
 * moment of an empty reader would go unnoticed, as at a real terminal.
 */
import { expect } from 'vitest';
import type { Host } from '../../main/host/host';
import type { TestCardName } from '../../simulators/id-reader/test-cards';
import type { ManualClock } from './manual-clock';

/** Takes the card off the simulated reader and waits until the idle watch has seen it empty. */
export async function takeCardOff(host: Host, clock?: ManualClock): Promise<void> {
  host.simulators.idReader!.removeCard();
  await expect
    .poll(async () => {
      if (clock) await clock.advanceAsync(1000);
      return host.devices.idReader.status.card;
    }, { timeout: 10_000 })
    .toBe('absent');
}

/** Lays `card` on the reader, taking off the one lying there first. */
export async function layCard(host: Host, card: TestCardName, clock?: ManualClock): Promise<void> {
  if (host.simulators.idReader!.state.card !== null) await takeCardOff(host, clock);
  host.simulators.idReader!.placeCard(card);
}
