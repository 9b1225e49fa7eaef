import { randomUUID } from 'node:crypto';
import { type Clock, systemClock, type TimerHandle } from '../../../drivers/common/clock';
import type { DecodedCard } from '../../../drivers/id-reader/card';
import type { IdReaderDriver } from '../../../drivers/id-reader/driver';
import type { IdReaderFailure } from '../../../drivers/id-reader/types';
import type { CaptureRequest } from '../../api/camera-contract';
import type { Language, ServiceId, SessionView } from '../../api/contract';
import { DEADLINE_WARNING_MS } from '../../api/idle-contract';
import { maskIdNumber, maskName } from '../../domain/id-number';
import { RefusedError } from '../api/dispatcher';
import type { Logger } from '../log';
import type { Journal } from '../store/journal';
import type { FlowRunner } from './engine/flow-runner';
import { FLOW_FINAL_STATES } from './engine/recovery';

/** Starts a service's flow for a new session (the host wires the devices and central in). */
export type FlowStarter = (sessionId: string) => FlowRunner<unknown, { type: string }>;

export interface SessionManagerDeps {
  readonly idReader: IdReaderDriver;
  readonly journal: Journal;
  readonly log: Logger;
  /** Seconds a citizen has for each step. */
  readonly stepTimeoutS: number;
  /** Elderly mode: the citizen's time limits are this many times as long (default 1.5). */
  readonly elderlyTimeFactor?: number;
  readonly clock?: Clock;
  /** Called after a record was queued for central (the sync worker sends it soon). */
  readonly onRecordQueued?: () => void;
  /** Services that run as persisted flows; the others are the ID-card slice. */
  readonly flows?: Readonly<Partial<Record<ServiceId, FlowStarter>>>;
  /** The open camera step, which the screen shows over the flow's step (issue 9). */
  readonly captureRequest?: () => CaptureRequest | null;
}

/**
 * Flow steps that close a session: the citizen reads them, and the session ends at their
 * deadline, on "done" or on "back" (the flow may still have work to do without a screen).
 */
const CLOSING_STEPS: ReadonlySet<SessionView['step']> = new Set(['flow-done', 'query-results', 'query-failed', 'pickup-done', 'reprint-done']);

/** States after which a transaction needs nothing more. */
export const FINAL_STATES = ['completed', 'abandoned'] as const;

/**
 * Start-up recovery: a transaction left mid-way by a crash or power cut is driven to an end.
 * In the identity-read slice nothing has been paid or taken in yet, so ending it is all there is
 * to do; its outbox record is already queued and still goes to central.
 */
export function recoverUnfinished(journal: Journal, log: Logger, nowMs: number, flowKinds: readonly string[] = []): number {
  // Flows are recovered by their own definitions (engine/recovery.ts), not closed here; a row of a
  // service that became a flow, journaled before it did (no statechart snapshot), is the slice's.
  const isFlow = (txn: { kind: string; data: unknown }) => flowKinds.includes(txn.kind) && typeof txn.data === 'object' && txn.data !== null && 'snapshot' in txn.data;
  const unfinished = journal.unfinished(FINAL_STATES).filter((txn) => !isFlow(txn));
  for (const txn of unfinished) {
    journal.setState(txn.txnId, 'abandoned', nowMs);
    log.warn({ txnId: txn.txnId, kind: txn.kind, was: txn.state }, 'unfinished transaction from before the restart closed as abandoned');
  }
  return unfinished.length;
}

/** A command that does not fit the session's current step (a stale or hostile screen). */
export class SessionStateError extends RefusedError {
  constructor(command: string, step: SessionView['step']) {
    super(`${command} is not possible while the session is at step ${step}`, 'errors.notNow');
  }
}

/**
 * One citizen session at a time. It drives the devices step by step, tells the screen what to
 * show through `onChange`, and wipes everything personal when the session ends: finished,
 * cancelled or timed out.
 */
export class SessionManager {
  readonly #deps: SessionManagerDeps;
  readonly #clock: Clock;
  readonly #listeners = new Set<(view: SessionView) => void>();
  #view: SessionView = { step: 'idle' };
  /** The transaction of this session, once one was journaled; ended with the session. */
  #txnId: string | undefined;
  #abort: AbortController | undefined;
  #deadlineTimer: TimerHandle | undefined;
  /** The flow of this session, while the citizen is part of it. */
  #flow: FlowRunner<unknown, { type: string }> | undefined;
  #offFlow: (() => void) | undefined;
  /** Elderly mode (大字模式) for this session; off again when it ends. */
  #elderly = false;
  /** The language the citizen reads the screen in, for this session's receipts; the kiosk's own when undefined. */
  #language: Language | undefined;
  /** The session's first step, while the citizen is still on it (elderly mode can be switched there). */
  #firstStep: SessionView['step'] | undefined;
  #pastFirstStep = false;

  constructor(deps: SessionManagerDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
  }

  /** What the screen shows: the step, with the open camera step on a flow's step. */
  get view(): SessionView {
    const capture = this.#deps.captureRequest?.();
    const view = capture && 'txnId' in this.#view ? ({ ...this.#view, capture } as SessionView) : this.#view;
    return view.step === 'idle' ? view : { ...view, elderly: this.#elderly };
  }

  /** The camera step opened or closed: the screen gets the view again. */
  captureChanged(): void {
    if (this.#view.step === 'idle') return;
    this.#emit();
  }

  onChange(listener: (view: SessionView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts a session; only from the attract screen (the host checks the service is offered). */
  start(service: ServiceId, elderly = false, language?: Language): SessionView {
    if (this.#view.step !== 'idle') throw new SessionStateError('startService', this.#view.step);
    const sessionId = randomUUID();
    this.#deps.log.info({ sessionId, service, elderly, language }, 'session started');
    this.#elderly = elderly;
    this.#language = language;
    this.#firstStep = undefined;
    this.#pastFirstStep = false;
    const startFlow = this.#deps.flows?.[service];
    if (startFlow) {
      const flow = startFlow(sessionId);
      this.#flow = flow;
      flow.scaleDeadlines(this.#timeFactor());
      this.#offFlow = flow.onView((view) => this.#set(view));
      flow.start();
      return this.view;
    }
    this.#waitForCard(service, sessionId);
    return this.view;
  }

  /** Tries the failed step again (a card that was moved while being read). */
  retry(): SessionView {
    const view = this.#view;
    if (this.#flow) {
      if (!this.#flow.send({ type: 'RETRY' })) throw new SessionStateError('retryStep', view.step);
      return this.view;
    }
    if (view.step !== 'failed' || !view.canRetry) throw new SessionStateError('retryStep', view.step);
    this.#waitForCard(view.service, view.sessionId);
    return this.view;
  }

  /** The citizen pressed "done": the transaction is complete and the session ends. */
  finish(): SessionView {
    const view = this.#view;
    if (this.#flow) {
      if (view.step !== 'flow-done' && view.step !== 'query-results' && view.step !== 'pickup-done' && view.step !== 'reprint-done') throw new SessionStateError('finishSession', view.step);
      return this.end('finished');
    }
    if (view.step !== 'identity-shown') throw new SessionStateError('finishSession', view.step);
    this.#deps.journal.setState(view.txnId, 'completed', this.#clock.now());
    this.#txnId = undefined;
    return this.end('finished');
  }

  /** The citizen picked an offered option (only where the flow offers a choice). */
  choose(index: number): SessionView {
    if (!this.#flow?.send({ type: 'CHOOSE', index } as { type: string })) throw new SessionStateError(`chooseOption(${index})`, this.#view.step);
    return this.view;
  }

  /** A key of the on-screen keypad; the flow refuses one that does not fit the field. */
  keypad(key: string): SessionView {
    if (!this.#flow?.send({ type: 'KEY', key } as { type: string })) throw new SessionStateError('keypadInput', this.#view.step);
    return this.view;
  }

  /** The citizen confirms the step's entry (the keypad's "confirm"). */
  confirm(): SessionView {
    if (!this.#flow?.send({ type: 'CONFIRM' })) throw new SessionStateError('confirmStep', this.#view.step);
    return this.view;
  }

  /** A code the screen read from a QR code (the pickup code on a reissue receipt). */
  scanned(code: string): SessionView {
    if (!this.#flow?.send({ type: 'CODE_SCANNED', code } as { type: string })) throw new SessionStateError('scannedCode', this.#view.step);
    return this.view;
  }

  /**
   * "Continue" on "are you still there?": the current step's time limit starts again. Refused
   * without a session, for a deadline other than the one shown (a stale or second tap), before the
   * last DEADLINE_WARNING_MS or after it passed, and for a deadline a device or central set.
   */
  extendDeadline(seenDeadlineMs: number): SessionView {
    const view = this.#view;
    if (this.#flow) {
      if (!this.#flow.extendDeadline(seenDeadlineMs)) throw new SessionStateError('extendDeadline', view.step);
      return this.view;
    }
    const left = 'deadlineMs' in view ? view.deadlineMs - this.#clock.now() : NaN;
    if (!('deadlineMs' in view) || view.deadlineMs !== seenDeadlineMs || !(left > 0 && left <= DEADLINE_WARNING_MS)) {
      throw new SessionStateError('extendDeadline', view.step);
    }
    this.#set({ ...view, deadlineMs: this.#deadline() });
    return this.view;
  }

  /** Elderly mode on or off: only on the session's first step; it then stays for the session. */
  setElderly(on: boolean): SessionView {
    const view = this.#view;
    if (view.step === 'idle' || this.#pastFirstStep) throw new SessionStateError('setElderly', view.step);
    if (on === this.#elderly) return this.view;
    this.#elderly = on;
    this.#deps.log.info({ sessionId: view.sessionId, elderly: on }, 'elderly mode switched');
    if (this.#flow) this.#flow.scaleDeadlines(this.#timeFactor());
    else if ('deadlineMs' in view) this.#set({ ...view, deadlineMs: this.#deadline() });
    // The flow re-sends its view when its deadline changed; the flag itself must reach the screen too.
    this.#emit();
    return this.view;
  }

  /** The citizen's language for this session's receipts (undefined: the kiosk's own, also with no session). */
  get language(): Language | undefined {
    return this.#language;
  }

  /** The citizen switched the screen's language: the session's receipts print in it (refused without a session). */
  setLanguage(language: Language): SessionView {
    const view = this.#view;
    if (view.step === 'idle') throw new SessionStateError('setLanguage', view.step);
    if (language !== this.#language) this.#deps.log.info({ sessionId: view.sessionId, language }, 'language switched');
    this.#language = language;
    return this.view;
  }

  #timeFactor(): number {
    return this.#elderly ? (this.#deps.elderlyTimeFactor ?? 1.5) : 1;
  }

  /** The citizen pressed "cancel" (there must be a session to cancel). */
  cancel(): SessionView {
    const view = this.#view;
    if (view.step === 'idle') throw new SessionStateError('cancelSession', 'idle');
    if (this.#flow) {
      // A flow decides what cancelling means now (hand the permit back, close the payment); once
      // the citizen's part is over, "cancel" is "back to the start".
      const flow = this.#flow;
      if (flow.send({ type: 'CANCEL' })) {
        // A flow that ends at the citizen's cancel has nothing more to say: back to the start.
        return FLOW_FINAL_STATES.includes(flow.state as (typeof FLOW_FINAL_STATES)[number]) ? this.end('finished') : this.#view;
      }
      if (CLOSING_STEPS.has(view.step)) return this.end('finished');
      throw new SessionStateError('cancelSession', view.step);
    }
    return this.end('cancelled by the citizen');
  }

  /**
   * Ends the session, for whatever reason, and forgets everything about it. A transaction the
   * session had begun ends with it, at once (not at the next start-up's recovery).
   */
  end(reason: string): SessionView {
    const view = this.#view;
    this.#abort?.abort();
    this.#abort = undefined;
    this.#clock.clearTimeout(this.#deadlineTimer);
    this.#endFlowSession(reason);
    if (this.#txnId) {
      this.#deps.journal.setState(this.#txnId, 'abandoned', this.#clock.now());
      this.#deps.log.info({ txnId: this.#txnId, reason }, 'transaction ended with its session');
      this.#txnId = undefined;
    }
    this.#elderly = false;
    this.#language = undefined;
    if (view.step !== 'idle') {
      this.#deps.log.info({ sessionId: view.sessionId, reason }, 'session ended');
      this.#set({ step: 'idle' });
    }
    return this.view;
  }

  /**
   * The citizen leaves the flow. One that has not reached its end goes on without a screen: a
   * payment being settled keeps going; a host stopping stops it, and recovery resumes it at start.
   */
  #endFlowSession(reason: string): void {
    const flow = this.#flow;
    if (!flow) return;
    this.#flow = undefined;
    this.#offFlow?.();
    this.#offFlow = undefined;
    if (reason === 'host stopping') flow.stop();
    else this.#background.add(flow);
    void flow.ended.then(() => this.#background.delete(flow));
  }

  /** Flows that go on after their citizen left (a payment being settled), until they end. */
  readonly #background = new Set<FlowRunner<unknown, { type: string }>>();

  /** Takes on flows recovered at start-up; new sessions wait until they have ended. */
  adoptRecovered(flows: Iterable<FlowRunner<unknown, { type: string }>>): void {
    for (const flow of flows) {
      this.#background.add(flow);
      this.#recovering.add(flow);
      void flow.ended.then(() => {
        this.#background.delete(flow);
        this.#recovering.delete(flow);
        this.#onIdleChange?.();
      });
    }
  }

  readonly #recovering = new Set<FlowRunner<unknown, { type: string }>>();
  #onIdleChange: (() => void) | undefined;

  /** True while a transaction from before a restart is still being finished with the devices. */
  get recovering(): boolean {
    return this.#recovering.size > 0;
  }

  /** Called when `recovering` turns false (the attract screen offers services again). */
  onRecoveryDone(listener: () => void): void {
    this.#onIdleChange = listener;
  }

  /** Stops the flows that went on without a citizen (host shutdown); recovery resumes them. */
  stopBackground(): void {
    for (const flow of this.#background) flow.stop();
    this.#background.clear();
  }

  #set(view: SessionView): void {
    this.#view = view;
    if (view.step !== 'idle') {
      this.#firstStep ??= view.step;
      if (view.step !== this.#firstStep) this.#pastFirstStep = true;
    }
    this.#clock.clearTimeout(this.#deadlineTimer);
    // A flow times its own steps out; the session only ends on its own once the flow is done.
    const sessionTimesOut = !this.#flow || CLOSING_STEPS.has(view.step);
    if ('deadlineMs' in view && sessionTimesOut) {
      this.#deadlineTimer = this.#clock.setTimeout(() => this.end('step timed out'), Math.max(0, view.deadlineMs - this.#clock.now()));
    }
    this.#emit();
  }

  #emit(): void {
    const shown = this.view;
    for (const listener of [...this.#listeners]) listener(shown);
  }

  #deadline(): number {
    return this.#clock.now() + Math.round(this.#deps.stepTimeoutS * 1000 * this.#timeFactor());
  }

  #waitForCard(service: ServiceId, sessionId: string): void {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.#set({ step: 'insert-id-card', service, sessionId, deadlineMs: this.#deadline() });
    void this.#readWhenPresent(service, sessionId, abort.signal).catch((error: unknown) => {
      this.#deps.log.error({ err: error, sessionId }, 'card reading failed unexpectedly');
      if (!abort.signal.aborted) this.#fail(service, sessionId, 'errors.internal', false);
    });
  }

  async #readWhenPresent(service: ServiceId, sessionId: string, signal: AbortSignal): Promise<void> {
    const present = await this.#deps.idReader.waitForCard({ signal });
    if (signal.aborted) return;
    if (!present.ok) return this.#failFromReader(service, sessionId, present);
    this.#set({ step: 'reading-card', service, sessionId });
    const read = await this.#deps.idReader.readCard();
    if (signal.aborted) return;
    if (!read.ok) return this.#failFromReader(service, sessionId, read);
    this.#recordIdentity(service, sessionId, read.value);
  }

  #recordIdentity(service: ServiceId, sessionId: string, card: DecodedCard): void {
    const txnId = randomUUID();
    const occurredAt = new Date(this.#clock.now()).toISOString();
    // Only what central needs to identify the applicant; the photo stays on the card.
    const identity = { cardType: card.cardType, idNumber: card.idNumber, name: card.name };
    const [seq] = this.#deps.journal.record(
      { txnId, kind: service, state: 'identity-read', data: { sessionId, identity } },
      this.#clock.now(),
      [{ txnId, kind: service, occurredAt, payload: { step: 'identity-read', sessionId, identity } }],
    );
    this.#txnId = txnId;
    this.#deps.log.info({ sessionId, txnId, seq, idNumberMasked: maskIdNumber(card.idNumber) }, 'identity read and journaled');
    this.#deps.onRecordQueued?.();
    this.#set({
      step: 'identity-shown',
      service,
      sessionId,
      txnId,
      maskedName: maskName(card.name),
      maskedIdNumber: maskIdNumber(card.idNumber),
      deadlineMs: this.#deadline(),
    });
  }

  #failFromReader(service: ServiceId, sessionId: string, failure: IdReaderFailure): void {
    this.#deps.log.warn({ sessionId, reason: failure.reason, detail: failure.message }, 'ID card read failed');
    switch (failure.reason) {
      case 'cancelled':
        return;
      case 'no-card':
      case 'select-failed':
      case 'read-failed':
      case 'bad-response':
        return this.#fail(service, sessionId, 'errors.cardReadFailed', true);
      case 'unknown-card-type':
        return this.#fail(service, sessionId, 'errors.cardNotSupported', true);
      case 'offline':
      case 'timeout':
      case 'sam-error':
        return this.#fail(service, sessionId, 'errors.readerOutOfService', false);
      default:
        failure.reason satisfies never;
    }
  }

  #fail(service: ServiceId, sessionId: string, messageKey: string, canRetry: boolean): void {
    this.#set({ step: 'failed', service, sessionId, messageKey, canRetry, deadlineMs: this.#deadline() });
  }
}
