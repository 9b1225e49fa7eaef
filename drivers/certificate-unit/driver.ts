import type { StatusChangeListener, StatusReporting } from '../common/device-status';
import type { PipeOpener } from '../transport/byte-pipe';
import { toHex } from './codec';
import { COMMANDS } from './commands';
import { type CertificateUnitFailure, type CertificateUnitResult, failure } from './errors';
import {
  checkPrintLines,
  type Endorsement,
  encodeEndorsementWrite,
  encodePrintLines,
  encodeSlot,
  MAX_SLOT,
  MessageError,
  parseInventory,
  parsePermitRecord,
  parseRetainCounter,
} from './messages';
import { StatusTracker } from './status-tracker';
import type {
  CaptureResult,
  CertificateUnitDriverOptions,
  CertificateUnitStatus,
  CertificateUnitTimeouts,
  EjectResult,
  InitMode,
  InventoryResult,
  MediaEvent,
  ReadPermitResult,
  ResetResult,
  RetainCountResult,
  TakePermitResult,
} from './types';
import { DEFAULT_TIMEOUTS } from './types';
import { type CommandOutcome, UnitSession } from './unit-session';

export interface WaitOptions {
  readonly signal?: AbortSignal;
}

/** Resolves true after `ms`, or false as soon as the signal fires. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (completed: boolean): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(completed);
    };
    const onAbort = (): void => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The certificate unit (CRT-591 card gate with permit chip RF, card-back printer and pickup
 * magazine). High-level operations return Results and never throw; one operation runs at a time
 * and getStatus() answers from the last known state while an operation is running.
 */
export class CertificateUnitDriver implements StatusReporting<CertificateUnitStatus> {
  readonly #tracker = new StatusTracker();
  readonly #session: UnitSession;
  readonly #timeouts: CertificateUnitTimeouts;
  readonly #takePermitTimeoutMs: number;
  readonly #takeTimeoutMs: number;
  #operations: Promise<unknown> = Promise.resolve();
  #busy = 0;

  constructor(opener: PipeOpener, addr = 0, options: CertificateUnitDriverOptions = {}) {
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#takePermitTimeoutMs = options.takePermitTimeoutMs ?? 60_000;
    this.#takeTimeoutMs = options.takeTimeoutMs ?? 30_000;
    this.#session = new UnitSession(opener, addr, this.#timeouts, this.#tracker);
  }

  onStatusChange(listener: StatusChangeListener<CertificateUnitStatus>): () => void {
    return this.#tracker.onStatusChange(listener);
  }

  onMedia(listener: (event: MediaEvent) => void): () => void {
    return this.#tracker.onMedia(listener);
  }

  /** The last known status, without talking to the unit. */
  get status(): CertificateUnitStatus {
    return this.#tracker.snapshot();
  }

  /** Asks the unit for its status (reconnecting if needed); never throws, reports offline instead. */
  async getStatus(): Promise<CertificateUnitStatus> {
    if (this.#busy > 0) return this.#tracker.snapshot();
    try {
      await this.#session.run(COMMANDS.status);
    } catch {
      this.#tracker.setOffline();
    }
    return this.#tracker.snapshot();
  }

  /** INIT: `leave` keeps a card where it is, `to-holding` pulls it in, `capture` retains it. */
  reset(mode: InitMode = 'leave'): Promise<ResetResult> {
    return this.#operation(async () => {
      const code = mode === 'leave' ? COMMANDS.initLeave : mode === 'capture' ? COMMANDS.initCapture : COMMANDS.initToHolding;
      const outcome = await this.#session.init(code);
      if (!outcome.ok) return outcome;
      return { ok: true, firmware: new TextDecoder().decode(outcome.frame.data) };
    });
  }

  /** Opens insertion, waits for the citizen's permit, pulls it to the RF position. */
  takePermit(options: { readonly timeoutMs?: number } & WaitOptions = {}): Promise<TakePermitResult> {
    return this.#operation(async () => {
      const { signal } = options;
      const before = await this.#run(COMMANDS.status);
      if (!before.ok) return before;
      // A card already in the gate may be the previous citizen's, ejected and not taken: never pull it in.
      if (before.frame.status[0] !== '0') return failure('card-already-inside', `st0 is ${before.frame.status[0]}`);
      const enable = await this.#run(COMMANDS.entryEnable);
      if (!enable.ok) return enable;
      this.#tracker.enteringCard();
      const inserted = await this.#pollUntil('1', options.timeoutMs ?? this.#takePermitTimeoutMs, signal);
      if (!inserted.ok) {
        this.#tracker.stopEntering();
        await this.#run(COMMANDS.entryDisable);
        return inserted.reason === 'timeout' ? failure('timeout', 'no permit inserted') : inserted;
      }
      const move = await this.#run(COMMANDS.moveToRf, undefined, signal);
      // Close the gate whatever happened to the move, so nothing else can be pushed in.
      const disable = await this.#run(COMMANDS.entryDisable);
      if (!move.ok) return move;
      if (!disable.ok) return disable;
      return { ok: true };
    });
  }

  /** Activates the chip at the RF position and reads the permit record. */
  readPermit(): Promise<ReadPermitResult> {
    return this.#operation(async () => {
      const activate = await this.#activateChip();
      if (!activate.ok) return activate;
      const record = await this.#run(COMMANDS.rfReadPermit);
      if (!record.ok) return record;
      const permit = parsePermitRecord(record.frame.data);
      if (!permit.ok) return failure('invalid-record', permit.error);
      return { ok: true, permit: permit.value, uid: toHex(activate.frame.data).replaceAll(' ', '') };
    });
  }

  /** Writes one endorsement to the chip (activating it first, as a move may have reset it). */
  writeEndorsement(endorsement: Endorsement): Promise<CertificateUnitResult> {
    return this.#operation(async () => {
      let data: Uint8Array;
      try {
        data = encodeEndorsementWrite(endorsement);
      } catch (error) {
        return failure('invalid-request', error instanceof MessageError ? error.message : String(error));
      }
      const activate = await this.#activateChip();
      if (!activate.ok) return activate;
      const write = await this.#run(COMMANDS.rfWriteEndorsement, data);
      return write.ok ? { ok: true } : write;
    });
  }

  /** Prints up to 6 lines of at most 24 characters on the card back (moving it to holding first). */
  printCardBack(lines: readonly string[], options: WaitOptions = {}): Promise<CertificateUnitResult> {
    return this.#operation(async () => {
      const problem = checkPrintLines(lines);
      if (problem) return failure('invalid-request', problem);
      const move = await this.#run(COMMANDS.moveToHolding);
      if (!move.ok) return this.#noCardOr(move);
      const print = await this.#run(COMMANDS.printCardBack, encodePrintLines(lines), options.signal);
      return print.ok ? { ok: true } : print;
    });
  }

  /**
   * Ejects the card to the gate and waits for the citizen to take it. A card not taken in time
   * is captured and the result says `retained`: the caller must record that with the transaction.
   */
  ejectAndWaitForTaken(options: { readonly takeTimeoutMs?: number } & WaitOptions = {}): Promise<EjectResult> {
    return this.#operation(async () => {
      const eject = await this.#run(COMMANDS.eject, undefined, options.signal);
      if (!eject.ok) return this.#noCardOr(eject);
      const taken = await this.#pollUntil('0', options.takeTimeoutMs ?? this.#takeTimeoutMs, options.signal);
      if (taken.ok) return { ok: true, outcome: 'taken' };
      if (taken.reason !== 'timeout') return taken;
      const capture = await this.#capture();
      if (capture.ok) return { ok: true, outcome: 'retained', ...capture.count };
      // The citizen may have taken the card between the last poll and the capture.
      const after = await this.#run(COMMANDS.status);
      if (after.ok && after.frame.status[0] === '0') return { ok: true, outcome: 'taken' };
      return capture.failure;
    });
  }

  /** Captures the card (wherever it is) into the retain bin. */
  capture(): Promise<CaptureResult> {
    return this.#operation(async () => {
      const capture = await this.#capture();
      return capture.ok ? { ok: true, ...capture.count } : this.#noCardOr(capture.failure);
    });
  }

  /** Moves the certificate in magazine slot `slot` (1-999) to the gate. */
  dispense(slot: number, options: WaitOptions = {}): Promise<CertificateUnitResult> {
    return this.#operation(async () => {
      if (!Number.isInteger(slot) || slot < 1 || slot > MAX_SLOT) return failure('invalid-request', `slot ${slot}`);
      const move = await this.#run(COMMANDS.dispenseSlot, encodeSlot(slot), options.signal);
      return move.ok ? { ok: true } : move;
    });
  }

  inventory(): Promise<InventoryResult> {
    return this.#operation(async () => {
      const reply = await this.#run(COMMANDS.inventory);
      if (!reply.ok) return reply;
      const slots = parseInventory(reply.frame.data);
      if (!slots.ok) return failure('communication-error', slots.error);
      return {
        ok: true,
        slots: slots.value,
        loaded: slots.value.filter((s) => s.loaded).map((s) => s.slot),
        empty: slots.value.filter((s) => !s.loaded).map((s) => s.slot),
      };
    });
  }

  retainCount(): Promise<RetainCountResult> {
    return this.#operation(async () => {
      const reply = await this.#run(COMMANDS.retainCounter);
      if (!reply.ok) return reply;
      const count = parseRetainCounter(reply.frame.data);
      return count.ok ? { ok: true, retainCount: count.value } : failure('communication-error', count.error);
    });
  }

  async close(): Promise<void> {
    await this.#session.close();
  }

  #run(code: (typeof COMMANDS)[keyof typeof COMMANDS], data?: Uint8Array, signal?: AbortSignal): Promise<CommandOutcome> {
    return this.#session.run(code, data, signal);
  }

  /** Runs high-level operations one after another, with status `busy` while one runs. */
  #operation<T>(task: () => Promise<T>): Promise<T> {
    const guarded = async (): Promise<T> => {
      this.#busy++;
      this.#tracker.setBusy(true);
      try {
        return await task();
      } finally {
        this.#busy--;
        this.#tracker.setBusy(this.#busy > 0);
      }
    };
    const run = this.#operations.then(guarded, guarded);
    this.#operations = run.catch(() => undefined);
    return run;
  }

  /** Polls STATUS until st0 equals `st0`; fails with timeout, cancelled or the poll's failure. */
  async #pollUntil(
    st0: '0' | '1',
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<{ readonly ok: true } | CertificateUnitFailure> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const status = await this.#run(COMMANDS.status);
      if (!status.ok) return status;
      if (status.frame.status[0] === st0) return { ok: true };
      const remaining = deadline - performance.now();
      if (remaining <= 0) return failure('timeout');
      if (!(await pause(Math.min(this.#timeouts.pollIntervalMs, remaining), signal))) return failure('cancelled');
    }
  }

  async #capture(): Promise<
    | { readonly ok: true; readonly count: { readonly retainCount?: number } }
    | { readonly ok: false; readonly failure: CertificateUnitFailure }
  > {
    this.#tracker.expectCapture(true);
    const capture = await this.#run(COMMANDS.capture);
    if (!capture.ok) {
      this.#tracker.expectCapture(false);
      return { ok: false, failure: capture };
    }
    const counter = await this.#run(COMMANDS.retainCounter);
    const parsed = counter.ok ? parseRetainCounter(counter.frame.data) : undefined;
    const retainCount = parsed?.ok ? parsed.value : undefined;
    this.#tracker.retained(retainCount);
    return { ok: true, count: retainCount === undefined ? {} : { retainCount } };
  }

  /**
   * Activates the chip. A sequence error means the card is inside but not at the RF position
   * (for example at holding after printing): move it there and try once more.
   */
  async #activateChip(): Promise<CommandOutcome> {
    const first = await this.#run(COMMANDS.rfActivate);
    if (first.ok || first.reason !== 'sequence-error') return first.ok ? first : this.#noCardOr(first);
    const move = await this.#run(COMMANDS.moveToRf);
    if (!move.ok) return this.#noCardOr(move);
    const second = await this.#run(COMMANDS.rfActivate);
    return second.ok ? second : this.#noCardOr(second);
  }

  /** Sequence and activation errors mostly mean "there is no card": say so when STATUS agrees. */
  async #noCardOr(original: CertificateUnitFailure): Promise<CertificateUnitFailure> {
    if (original.reason !== 'sequence-error' && original.reason !== 'rf-activation-failed') return original;
    const status = await this.#run(COMMANDS.status);
    return status.ok && status.frame.status[0] === '0' ? failure('no-card', original.message) : original;
  }
}
