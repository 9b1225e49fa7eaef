import type { CommonStatus } from '../common/device-status';
import type { CertificateUnitReason, CertificateUnitResult } from './errors';
import type { PermitRecord, SlotState } from './messages';

/** Where the unit says a card is (st0): nothing, held at the gate, or inside (RF/IC/holding). */
export type CardPosition = 'none' | 'gate' | 'inside';

/** Magazine and stacker (st1). */
export type StockLevel = 'empty' | 'low' | 'ok';

/** Retain bin (st2). */
export type RetainBinState = 'ok' | 'full';

/**
 * The card the unit is handling, modelled like XFS4IoT media status:
 * - `none`: no card and none expected
 * - `entering`: insertion enabled, waiting for the citizen's card at the gate
 * - `in-gate`: a card sits in the gate (just inserted, or ejected/dispensed and not yet taken)
 * - `present`: a card is inside the unit
 * - `taken`: the citizen took the card out of the gate
 * - `retained`: the card was captured into the retain bin
 * - `jammed`: the card is stuck
 */
export type MediaState = 'none' | 'entering' | 'in-gate' | 'present' | 'taken' | 'retained' | 'jammed';

/** The common device status; the unit adds card position, stock, retain bin and media. */
export interface CertificateUnitStatus extends CommonStatus {
  readonly card: CardPosition;
  readonly stock: StockLevel;
  readonly retainBin: RetainBinState;
  readonly media: MediaState;
  /** Firmware version from the last INIT reply. */
  readonly firmware?: string;
  /** Why the unit is out of service or needs the citizen (hardware-error, user-error, offline). */
  readonly reason?: CertificateUnitReason;
}

/** Unsolicited media events, as XFS4IoT MediaTaken / MediaRetained / MediaInserted. */
export type MediaEvent =
  | { readonly type: 'MediaInserted' }
  | { readonly type: 'MediaTaken' }
  | { readonly type: 'MediaRetained'; readonly retainCount?: number }
  | { readonly type: 'MediaJammed' };

export interface PermitRead {
  readonly permit: PermitRecord;
  /** Chip UID from the RF activation, hex. */
  readonly uid: string;
}

export type EjectOutcome =
  | { readonly outcome: 'taken' }
  /** Not taken in time and captured: the caller must record this with the transaction. */
  | { readonly outcome: 'retained'; readonly retainCount?: number };

export interface Inventory {
  readonly slots: readonly SlotState[];
  readonly loaded: readonly number[];
  readonly empty: readonly number[];
}

export type InitMode = 'to-holding' | 'capture' | 'leave';

export type TakePermitResult = CertificateUnitResult;
export type ReadPermitResult = CertificateUnitResult<PermitRead>;
export type EjectResult = CertificateUnitResult<EjectOutcome>;
export type CaptureResult = CertificateUnitResult<{ readonly retainCount?: number }>;
export type InventoryResult = CertificateUnitResult<Inventory>;
export type RetainCountResult = CertificateUnitResult<{ readonly retainCount: number }>;
export type ResetResult = CertificateUnitResult<{ readonly firmware: string }>;

/**
 * Link and reply timeouts. The unit must ACK within 300 ms; the reply comes when the motion is
 * done, which for a move through the whole transport takes seconds.
 */
export interface CertificateUnitTimeouts {
  /** Wait for ACK after each command transmission. */
  readonly ackMs: number;
  /** Transmissions of one command before the unit is reported offline. */
  readonly maxTries: number;
  /** NAKs sent for damaged replies to one command before giving up. */
  readonly maxReplyNaks: number;
  /** STATUS, ENTRY, counters, inventory: no motion. */
  readonly quickReplyMs: number;
  /** Card moves, capture, eject. */
  readonly moveReplyMs: number;
  /** INIT may move a card through the whole transport. */
  readonly initReplyMs: number;
  /** Chip activation, read and write. */
  readonly rfReplyMs: number;
  /** Card-back printing. */
  readonly printReplyMs: number;
  /** Picking a certificate from the magazine and moving it to the gate. */
  readonly dispenseReplyMs: number;
  /** Interval between STATUS polls while waiting for the citizen. */
  readonly pollIntervalMs: number;
}

export const DEFAULT_TIMEOUTS: CertificateUnitTimeouts = {
  ackMs: 300,
  maxTries: 3,
  maxReplyNaks: 3,
  quickReplyMs: 1_000,
  moveReplyMs: 8_000,
  initReplyMs: 15_000,
  rfReplyMs: 3_000,
  printReplyMs: 20_000,
  dispenseReplyMs: 15_000,
  pollIntervalMs: 250,
};

export interface CertificateUnitDriverOptions {
  readonly timeouts?: Partial<CertificateUnitTimeouts>;
  /** How long a citizen may take to insert a permit, unless takePermit is told otherwise. */
  readonly takePermitTimeoutMs?: number;
  /** How long a citizen may take to take a card from the gate before it is captured. */
  readonly takeTimeoutMs?: number;
}
