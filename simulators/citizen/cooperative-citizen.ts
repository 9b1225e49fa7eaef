import type { Clock, TimerHandle } from '../../drivers/common/clock';
import type { CertificateUnitSimulator } from '../certificate-unit/simulator';
import { type SimPermit, TEST_PERMITS } from '../certificate-unit/test-data';

export interface CooperativeCitizenOptions {
  readonly clock: Clock;
  /** The permit the citizen carries. */
  readonly permit?: SimPermit;
  /** How long after the slot opens the permit goes in, and after it comes out it is taken. */
  readonly insertAfterMs?: number;
  readonly takeAfterMs?: number;
}

type Pending = 'insert' | 'take' | null;

/**
 * The citizen in front of a simulated kiosk, doing what the screen asks: the permit goes into the
 * slot soon after the unit opens it, and is taken from the gate soon after it comes out. (Paying
 * is the central simulator's auto-pay.) `npm start` in simulator mode runs one, so a newcomer
 * completes a service with the screen alone; the technician panel and tests switch it off to act
 * themselves or to leave a permit in the gate.
 */
export class CooperativeCitizen {
  enabled = true;
  readonly #unit: CertificateUnitSimulator;
  readonly #options: Required<CooperativeCitizenOptions>;
  #timer: TimerHandle | undefined;
  #pending: Pending = null;
  #off: (() => void) | undefined;

  constructor(unit: CertificateUnitSimulator, options: CooperativeCitizenOptions) {
    this.#unit = unit;
    this.#options = { permit: TEST_PERMITS[0]!, insertAfterMs: 1500, takeAfterMs: 2000, ...options };
  }

  start(): void {
    this.#off = this.#unit.onChange((state) => {
      // Every command the kiosk sends changes the snapshot; act on what the situation asks for.
      const wanted: Pending = !this.enabled
        ? null
        : state.entryEnabled && state.location === 'none'
          ? 'insert'
          : state.location === 'gate' && !state.entryEnabled
            ? 'take' // out of the gate and insertion closed: the kiosk hands a card back
            : null;
      if (wanted === this.#pending) return;
      this.#options.clock.clearTimeout(this.#timer);
      this.#pending = wanted;
      if (wanted === 'insert') {
        this.#timer = this.#options.clock.setTimeout(() => {
          this.#pending = null;
          if (this.enabled) this.#unit.insertCard(this.#options.permit);
        }, this.#options.insertAfterMs);
      } else if (wanted === 'take') {
        this.#timer = this.#options.clock.setTimeout(() => {
          this.#pending = null;
          if (this.enabled) this.#unit.takeCardFromGate();
        }, this.#options.takeAfterMs);
      }
    });
  }

  stop(): void {
    this.#off?.();
    this.#options.clock.clearTimeout(this.#timer);
  }
}
