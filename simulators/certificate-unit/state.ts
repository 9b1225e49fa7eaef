import type { StatusBytes } from '../../drivers/certificate-unit/codec';
import type { PermitRecord } from '../../drivers/certificate-unit/messages';
import { type MagazineCertificate, type SimPermit, sampleMagazine } from './test-data';

/** Where the card is inside the simulated unit. */
export type CardLocation = 'none' | 'gate' | 'rf' | 'ic' | 'holding';

export type SimCard =
  | {
      readonly kind: 'permit';
      readonly uid: Uint8Array;
      readonly permit: PermitRecord;
      /** Lines printed on the card back, newest job last. */
      readonly printedLines: readonly string[];
    }
  | { readonly kind: 'certificate'; readonly slot: number; readonly certificate: MagazineCertificate };

export interface SimulatorFaults {
  readonly jammed: boolean;
  readonly motorError: boolean;
  readonly ribbonOut: boolean;
}

/** A read-only picture of the simulated unit, for tests and the technician control panel. */
export interface CertificateUnitSimState {
  /** False after "power-on" until the first INIT: every other command then fails with B0. */
  readonly initialised: boolean;
  readonly location: CardLocation;
  readonly card: SimCard | undefined;
  readonly entryEnabled: boolean;
  readonly chipActive: boolean;
  readonly magazine: readonly (MagazineCertificate | undefined)[];
  readonly retainCount: number;
  readonly retainCapacity: number;
  readonly retained: readonly SimCard[];
  /** Cards citizens took from the gate, oldest first. */
  readonly taken: readonly SimCard[];
  readonly faults: SimulatorFaults;
}

export interface UnitModelOptions {
  readonly initialised?: boolean;
  readonly magazine?: readonly (MagazineCertificate | undefined)[];
  readonly retainCapacity?: number;
  readonly retainCount?: number;
  /** At or below this many loaded slots the unit reports "few cards" (st1 '1'). */
  readonly lowStockThreshold?: number;
}

/** The mutable state of the simulated unit; commands and citizen actions change it. */
export class UnitModel {
  initialised: boolean;
  location: CardLocation = 'none';
  card: SimCard | undefined;
  entryEnabled = false;
  chipActive = false;
  magazine: Array<MagazineCertificate | undefined>;
  retainCount: number;
  retainCapacity: number;
  retained: SimCard[] = [];
  taken: SimCard[] = [];
  faults: { jammed: boolean; motorError: boolean; ribbonOut: boolean; chipWriteFails: boolean; chipDead: boolean } = {
    jammed: false,
    motorError: false,
    ribbonOut: false,
    /** The chip takes reads but no writes (a worn chip): RF write answers 63, no response in time. */
    chipWriteFails: false,
    /** The chip does not answer at all (a broken antenna in the permit): RF activation answers 61. */
    chipDead: false,
  };
  readonly lowStockThreshold: number;

  constructor(options: UnitModelOptions = {}) {
    this.initialised = options.initialised ?? false;
    this.magazine = [...(options.magazine ?? sampleMagazine())];
    this.retainCapacity = options.retainCapacity ?? 50;
    this.retainCount = options.retainCount ?? 0;
    this.lowStockThreshold = options.lowStockThreshold ?? 5;
  }

  get retainBinFull(): boolean {
    return this.retainCount >= this.retainCapacity;
  }

  get loadedSlots(): number {
    return this.magazine.filter((c) => c !== undefined).length;
  }

  statusBytes(): StatusBytes {
    const st0 = this.location === 'none' ? '0' : this.location === 'gate' ? '1' : '2';
    const loaded = this.loadedSlots;
    const st1 = loaded === 0 ? '0' : loaded <= this.lowStockThreshold ? '1' : '2';
    return [st0, st1, this.retainBinFull ? '1' : '0'];
  }

  /**
   * Sensors S1-S8 for STATUS 31 31 (the contract leaves their meaning to the hardware; the
   * simulator uses): S1 card in gate, S2 card at RF/IC, S3 card at holding, S4 entry shutter
   * open, S5 retain bin full, S6 magazine not empty, S7 ribbon present, S8 jam sensor.
   */
  sensors(): string {
    const bits = [
      this.location === 'gate',
      this.location === 'rf' || this.location === 'ic',
      this.location === 'holding',
      this.entryEnabled,
      this.retainBinFull,
      this.loadedSlots > 0,
      !this.faults.ribbonOut,
      this.faults.jammed,
    ];
    return bits.map((b) => (b ? '1' : '0')).join('');
  }

  insert(permit: SimPermit): boolean {
    if (this.location !== 'none' || !this.entryEnabled || this.faults.jammed) return false;
    this.card = { kind: 'permit', uid: permit.uid, permit: permit.record, printedLines: [] };
    this.location = 'gate';
    return true;
  }

  takeFromGate(): SimCard | undefined {
    if (this.location !== 'gate' || !this.card) return undefined;
    const card = this.card;
    this.taken.push(card);
    this.card = undefined;
    this.location = 'none';
    return card;
  }

  /** Moves the card into the retain bin; the caller checked that the bin has room. */
  retain(): void {
    if (this.card) this.retained.push(this.card);
    this.card = undefined;
    this.location = 'none';
    this.chipActive = false;
    this.retainCount++;
  }

  snapshot(): CertificateUnitSimState {
    return {
      initialised: this.initialised,
      location: this.location,
      card: this.card,
      entryEnabled: this.entryEnabled,
      chipActive: this.chipActive,
      magazine: [...this.magazine],
      retainCount: this.retainCount,
      retainCapacity: this.retainCapacity,
      retained: [...this.retained],
      taken: [...this.taken],
      faults: { ...this.faults },
    };
  }
}
