import { randomUUID } from 'node:crypto';
import { type Actor, type AnyStateMachine, createActor, type EventObject, type Snapshot } from 'xstate';
import type { Clock, TimerHandle } from '../../../../drivers/common/clock';
import type { SessionView } from '../../../api/contract';
import { DEADLINE_WARNING_MS } from '../../../api/idle-contract';
import type { Logger } from '../../log';
import type { Journal } from '../../store/journal';
import type { NewOutboxRecord } from '../../store/outbox';
import { FLOW_FINAL_STATES, type FlowDefinition, stateName } from './flow-definition';

export interface FlowRunnerDeps {
  readonly journal: Journal;
  readonly clock: Clock;
  readonly log: Logger;
  /** Records were queued (the flow ended): the sync worker sends them soon. */
  readonly onRecordQueued?: () => void;
  /**
   * Called right after each journal write, before the state's effect starts: the crash harness
   * kills the host here, at every persisted step in turn.
   */
  readonly afterJournal?: (txnId: string, state: string) => void;
}

/** What the journal keeps of a running flow (sealed): enough to resume it from the journal alone. */
export interface FlowData {
  readonly sessionId: string;
  readonly snapshot: Snapshot<unknown>;
}

export type FlowStart =
  | { readonly kind: 'new'; readonly txnId: string; readonly sessionId: string; readonly input: unknown }
  /** A flow found unfinished at start-up, resumed in its state or moved to `goTo` (a compensation). */
  | { readonly kind: 'recovered'; readonly txnId: string; readonly data: FlowData; readonly goTo?: string; readonly note?: object };

/** The effect result waiting to be journaled with the transition it causes. */
interface PendingEffect {
  readonly from: string;
  readonly event: string;
  readonly effect: Readonly<Record<string, unknown>>;
}

/**
 * Runs one transaction's statechart. After every transition it journals the snapshot (and the
 * step the last effect took) in one SQLite transaction, then starts the new state's effect or its
 * deadline. When the chart reaches a final state, its record for central is queued in that same
 * SQLite transaction. Stopping the runner (host shutdown, crash) leaves the journal as it was:
 * start-up recovery picks the transaction up from there.
 */
export class FlowRunner<C, E extends EventObject> {
  readonly txnId: string;
  readonly sessionId: string;
  readonly #def: FlowDefinition<C, E>;
  readonly #deps: FlowRunnerDeps;
  readonly #actor: Actor<AnyStateMachine>;
  readonly #listeners = new Set<(view: SessionView) => void>();
  readonly #ended: Promise<string>;
  #resolveEnded!: (finalState: string) => void;
  #state = '';
  #deadlineMs: number | undefined;
  #deadlineTimer: TimerHandle | undefined;
  /** How long the current step's time limit is (what "continue" gives again), and whether it may be. */
  #deadlineSpanMs = 0;
  #deadlineFixed = false;
  /** Elderly mode: every step's own time limit is this many times as long. */
  #deadlineScale = 1;
  #effectAbort: AbortController | undefined;
  #pending: PendingEffect | undefined;
  #stopped = false;

  constructor(def: FlowDefinition<C, E>, deps: FlowRunnerDeps, start: FlowStart) {
    this.#def = def;
    this.#deps = deps;
    this.txnId = start.txnId;
    this.#ended = new Promise((resolve) => {
      this.#resolveEnded = resolve;
    });
    if (start.kind === 'new') {
      this.sessionId = start.sessionId;
      this.#actor = createActor(def.machine, { input: start.input });
    } else {
      this.sessionId = start.data.sessionId;
      // Resume: the persisted snapshot as it was (its state's effect runs again). Compensate: the
      // same context in the state recovery chose.
      const persisted = start.data.snapshot as Snapshot<unknown> & { readonly context: unknown };
      const snapshot = start.goTo
        ? def.machine.resolveState({ value: start.goTo, context: { ...(persisted.context as object), ...start.note } as never })
        : persisted;
      this.#actor = createActor(def.machine, { snapshot });
    }
  }

  /** Resolves with the final state's name once the flow has ended and its record is queued. */
  get ended(): Promise<string> {
    return this.#ended;
  }

  get state(): string {
    return this.#state;
  }

  get context(): C {
    return this.#actor.getSnapshot().context as C;
  }

  get view(): SessionView {
    const base = { service: this.#def.service, sessionId: this.sessionId, txnId: this.txnId };
    const view = this.#def.view(this.#state, this.context);
    return (
      this.#deadlineMs === undefined ? { ...view, ...base } : { ...view, ...base, deadlineMs: this.#deadlineMs, deadlineExtendable: !this.#deadlineFixed }
    ) as SessionView;
  }

  onView(listener: (view: SessionView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    this.#actor.subscribe({
      next: (snapshot) => this.#onSnapshot(snapshot),
      error: (error) => this.#deps.log.error({ err: error, txnId: this.txnId }, 'flow statechart failed'),
    });
    this.#actor.start();
  }

  /** A citizen's event (choose, cancel); false when the current state does not take it. */
  send(event: E): boolean {
    if (this.#stopped || !this.#actor.getSnapshot().can(event)) return false;
    this.#actor.send(event);
    return true;
  }

  /**
   * Elderly mode: every step's time limit is `factor` times as long, the current step's too (its
   * limit starts again, lengthened). Deadlines set by a device or central stay as they are.
   */
  scaleDeadlines(factor: number): void {
    if (!Number.isFinite(factor) || factor < 1) throw new RangeError(`deadline scale must be >= 1, got ${factor}`);
    this.#deadlineScale = factor;
    if (this.#stopped || this.#deadlineMs === undefined || this.#deadlineFixed || !this.#state) return;
    this.#armDeadline(this.#state);
    this.#emit();
  }

  /**
   * "Continue" on "are you still there?": the current step's time limit starts again. Only for the
   * deadline the prompt was shown for (`seenDeadlineMs`), in its last DEADLINE_WARNING_MS, before it
   * passed, and not for a deadline a device or central set; false otherwise.
   */
  extendDeadline(seenDeadlineMs: number): boolean {
    const deadline = this.#deadlineMs;
    if (this.#stopped || deadline === undefined || this.#deadlineFixed || seenDeadlineMs !== deadline) return false;
    const left = deadline - this.#deps.clock.now();
    if (left <= 0 || left > DEADLINE_WARNING_MS) return false;
    this.#setDeadline(this.#state, this.#deps.clock.now() + this.#deadlineSpanMs);
    this.#emit();
    return true;
  }

  /** Stops without touching the journal (host shutdown): recovery resumes the flow at next start. */
  stop(): void {
    this.#stopped = true;
    this.#effectAbort?.abort();
    this.#deps.clock.clearTimeout(this.#deadlineTimer);
    this.#actor.stop();
  }

  #onSnapshot(snapshot: { value: unknown; status: string; context: unknown }): void {
    if (this.#stopped) return;
    const state = stateName(snapshot.value);
    const entered = state !== this.#state;
    const pending = this.#pending;
    this.#pending = undefined;
    const done = snapshot.status === 'done';
    this.#journal(state, snapshot.context as C, pending, done);
    if (entered) {
      this.#state = state;
      this.#effectAbort?.abort();
      this.#effectAbort = undefined;
      this.#armDeadline(state);
      if (!done) this.#runEffect(state);
    }
    this.#emit();
    if (done) this.#resolveEnded(state);
  }

  #emit(): void {
    const view = this.view;
    for (const listener of [...this.#listeners]) listener(view);
  }

  #journal(state: string, context: C, pending: PendingEffect | undefined, done: boolean): void {
    const now = this.#deps.clock.now();
    const data: FlowData = { sessionId: this.sessionId, snapshot: this.#actor.getPersistedSnapshot() };
    const effect = pending ? { ...pending, to: state } : undefined;
    let records: NewOutboxRecord[] = [];
    if (done) {
      const steps = this.#deps.journal.steps(this.txnId);
      const stepsNow = effect ? [...steps, { n: steps.length + 1, state, at: now, effect }] : steps;
      const record = this.#def.record(state, context, stepsNow);
      const occurredAt = new Date(now).toISOString();
      records = [
        { txnId: this.txnId, kind: record.kind, occurredAt, payload: record.payload, attachments: record.attachments ?? [] },
        ...(record.sideRecords ?? []).map((side) => ({ txnId: randomUUID(), kind: side.kind, occurredAt, payload: { ...side.payload, relatedTxnId: this.txnId } })),
      ];
    }
    this.#deps.journal.record({ txnId: this.txnId, kind: this.#def.service, state, data, effect }, now, records);
    this.#deps.afterJournal?.(this.txnId, state);
    if (records.length) this.#deps.onRecordQueued?.();
  }

  #armDeadline(state: string): void {
    this.#deps.clock.clearTimeout(this.#deadlineTimer);
    const deadline = this.#def.deadlines[state];
    const now = this.#deps.clock.now();
    const natural = deadline ? deadline(this.context, now) : undefined;
    this.#deadlineFixed = (FLOW_FINAL_STATES as readonly string[]).includes(state) || (this.#def.fixedDeadlines?.includes(state) ?? false);
    if (natural === undefined) {
      this.#deadlineMs = undefined;
      return;
    }
    const scale = !this.#deadlineFixed || this.#def.deviceWaits?.includes(state) ? this.#deadlineScale : 1;
    this.#deadlineSpanMs = Math.round(Math.max(0, natural - now) * scale);
    this.#setDeadline(state, now + this.#deadlineSpanMs);
  }

  #setDeadline(state: string, deadlineMs: number): void {
    this.#deps.clock.clearTimeout(this.#deadlineTimer);
    this.#deadlineMs = deadlineMs;
    this.#deadlineTimer = this.#deps.clock.setTimeout(
      () => {
        // A final state's deadline (the end screen's time) is the session manager's to act on: the statechart has stopped.
        if (this.#state === state && this.#actor.getSnapshot().status === 'active') this.#actor.send({ type: 'TIMEOUT' });
      },
      Math.max(0, this.#deadlineMs - this.#deps.clock.now()),
    );
  }

  #runEffect(state: string): void {
    const effect = this.#def.effects[state];
    if (!effect) return;
    const abort = new AbortController();
    this.#effectAbort = abort;
    const tools = {
      signal: abort.signal,
      clock: this.#deps.clock,
      log: this.#deps.log.child({ txnId: this.txnId, state }),
      txnId: this.txnId,
      timeScale: this.#deadlineScale,
    };
    // The state (and the idempotency key its transition made) is journaled: now the world may be touched.
    void effect(this.context, tools).then(
      ({ event, effect: did }) => this.#deliver(abort, state, event, did),
      (error: unknown) => {
        tools.log.error({ err: error }, 'flow step failed unexpectedly');
        this.#deliver(abort, state, { type: 'EFFECT_FAILED' } as E, { error: error instanceof Error ? error.message : String(error) });
      },
    );
  }

  #deliver(abort: AbortController, state: string, event: E, effect: Readonly<Record<string, unknown>>): void {
    if (abort.signal.aborted || this.#stopped || this.#state !== state) return;
    if (!this.#actor.getSnapshot().can(event)) {
      // A defect in the chart: every effect state must take every result its effect can send.
      this.#deps.log.error({ txnId: this.txnId, state, event: event.type }, 'flow state does not take its effect result');
      event = { type: 'EFFECT_FAILED' } as E;
    }
    this.#pending = { from: state, event: event.type, effect };
    this.#actor.send(event);
  }
}
