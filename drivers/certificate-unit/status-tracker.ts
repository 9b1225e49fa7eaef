import type { DeviceStatus } from '../common/device-status';
import { Listeners } from '../transport/byte-pipe';
import type { StatusBytes } from './codec';
import { type CertificateUnitReason, REASONS } from './errors';
import type {
  CardPosition,
  CertificateUnitStatus,
  MediaEvent,
  MediaState,
  RetainBinState,
  StockLevel,
} from './types';

/** Reasons that need the citizen to act, not a technician: status user-error until the next success. */
const USER_ERRORS: ReadonlySet<CertificateUnitReason> = new Set(['card-moved-manually', 'card-too-long', 'card-too-short']);

function cardFrom(st0: string): CardPosition | undefined {
  switch (st0) {
    case '0':
      return 'none';
    case '1':
      return 'gate';
    case '2':
      return 'inside';
    default:
      return undefined;
  }
}

function stockFrom(st1: string): StockLevel | undefined {
  switch (st1) {
    case '0':
      return 'empty';
    case '1':
      return 'low';
    case '2':
      return 'ok';
    default:
      return undefined;
  }
}

function binFrom(st2: string): RetainBinState | undefined {
  if (st2 === '0') return 'ok';
  if (st2 === '1') return 'full';
  return undefined;
}

/**
 * Everything the driver knows about the unit, folded from status bytes, failures and link events
 * into one typed status; emits a status-change event whenever the snapshot changes and the media
 * events (MediaTaken, MediaRetained, ...) as the card moves.
 */
export class StatusTracker {
  readonly #statusListeners = new Listeners<[CertificateUnitStatus, CertificateUnitStatus]>();
  readonly #mediaListeners = new Listeners<[MediaEvent]>();
  #offline = true;
  #fault: CertificateUnitReason | undefined;
  #userError: CertificateUnitReason | undefined;
  #busy = false;
  #card: CardPosition = 'none';
  #stock: StockLevel = 'ok';
  #retainBin: RetainBinState = 'ok';
  #media: MediaState = 'none';
  #firmware: string | undefined;
  /** While capturing, st0 going to '0' means the card went into the bin, not to the citizen. */
  #capturing = false;
  #last: CertificateUnitStatus = this.snapshot();

  onStatusChange(listener: (status: CertificateUnitStatus, previous: CertificateUnitStatus) => void): () => void {
    return this.#statusListeners.add(listener);
  }

  onMedia(listener: (event: MediaEvent) => void): () => void {
    return this.#mediaListeners.add(listener);
  }

  snapshot(): CertificateUnitStatus {
    const status = this.#deviceStatus();
    const reason = this.#reason(status);
    return {
      status,
      card: this.#card,
      stock: this.#stock,
      retainBin: this.#retainBin,
      media: this.#media,
      ...(this.#firmware === undefined ? {} : { firmware: this.#firmware }),
      ...(reason === undefined ? {} : { reason, detail: REASONS[reason].description }),
    };
  }

  #deviceStatus(): DeviceStatus {
    if (this.#offline) return 'offline';
    if (this.#fault !== undefined || this.#retainBin === 'full') return 'hardware-error';
    if (this.#userError !== undefined) return 'user-error';
    return this.#busy ? 'busy' : 'online';
  }

  #reason(status: DeviceStatus): CertificateUnitReason | undefined {
    switch (status) {
      case 'offline':
        return 'offline';
      case 'hardware-error':
        return this.#fault ?? 'retain-bin-full';
      case 'user-error':
        return this.#userError;
      case 'online':
      case 'busy':
        return undefined;
      default: {
        const unreachable: never = status;
        throw new Error(`unhandled ${String(unreachable)}`);
      }
    }
  }

  #changed(): void {
    const next = this.snapshot();
    if (JSON.stringify(next) === JSON.stringify(this.#last)) return;
    const previous = this.#last;
    this.#last = next;
    this.#statusListeners.emit(next, previous);
  }

  #emitMedia(event: MediaEvent): void {
    this.#mediaListeners.emit(event);
  }

  setBusy(busy: boolean): void {
    this.#busy = busy;
    this.#changed();
  }

  setOffline(): void {
    this.#offline = true;
    this.#changed();
  }

  /** A success reply: the unit is there, and what it reports about card, stock and bin. */
  applySuccess(st: StatusBytes): void {
    this.#offline = false;
    this.#userError = undefined;
    const [st0, st1, st2] = st;
    this.#stock = stockFrom(st1) ?? this.#stock;
    this.#retainBin = binFrom(st2) ?? this.#retainBin;
    const card = cardFrom(st0);
    if (card !== undefined) this.#applyCard(card);
    this.#changed();
  }

  #applyCard(card: CardPosition): void {
    this.#card = card;
    if (this.#media === 'jammed') return; // stays jammed until an INIT succeeds
    switch (card) {
      case 'none':
        if (this.#capturing) return;
        if (this.#media === 'in-gate') {
          this.#media = 'taken';
          this.#emitMedia({ type: 'MediaTaken' });
        } else if (this.#media === 'present') {
          this.#media = 'none';
        }
        return;
      case 'gate':
        if (this.#media === 'entering') this.#emitMedia({ type: 'MediaInserted' });
        this.#media = 'in-gate';
        return;
      case 'inside':
        this.#media = 'present';
        return;
      default: {
        const unreachable: never = card;
        throw new Error(`unhandled ${String(unreachable)}`);
      }
    }
  }

  /** A failure reply: the unit answered, so it is online, but the reason may take it out of service. */
  applyFailure(reason: CertificateUnitReason): void {
    this.#offline = false;
    if (REASONS[reason].outOfService) {
      this.#fault = reason;
      if (reason === 'retain-bin-full') this.#retainBin = 'full';
      if (reason === 'card-jam' && this.#media !== 'jammed') {
        this.#media = 'jammed';
        this.#emitMedia({ type: 'MediaJammed' });
      }
    } else if (USER_ERRORS.has(reason)) {
      this.#userError = reason;
    }
    this.#changed();
  }

  /** A successful INIT clears faults: the technician has fixed the unit. */
  applyInit(firmware: string, st: StatusBytes): void {
    this.#fault = undefined;
    this.#firmware = firmware;
    if (this.#media === 'jammed') this.#media = 'none';
    this.applySuccess(st);
  }

  enteringCard(): void {
    this.#media = 'entering';
    this.#changed();
  }

  /** Insertion ended without a card (timeout or cancel). */
  stopEntering(): void {
    if (this.#media === 'entering') this.#media = 'none';
    this.#changed();
  }

  expectCapture(capturing: boolean): void {
    this.#capturing = capturing;
  }

  retained(retainCount: number | undefined): void {
    this.#capturing = false;
    this.#media = 'retained';
    this.#card = 'none';
    this.#emitMedia(retainCount === undefined ? { type: 'MediaRetained' } : { type: 'MediaRetained', retainCount });
    this.#changed();
  }
}
