import type { AnyStateMachine, EventObject } from 'xstate';
import type { Clock } from '../../../../drivers/common/clock';
import type { ServiceId, SessionView } from '../../../api/contract';
import type { Logger } from '../../log';
import type { StepRow } from '../../store/journal';
import type { AttachmentRef } from '../../store/outbox';

/** What every flow view carries, filled in by the runner. */
type FlowBase = 'service' | 'sessionId' | 'txnId' | 'deadlineMs' | 'deadlineExtendable' | 'elderly';
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A flow step as the service describes it; the runner adds the session, transaction and deadline. */
/** States after which no flow needs anything more (their record is queued). */
export const FLOW_FINAL_STATES = ['completed', 'refunded', 'ended', 'refundRefused'] as const;

export type FlowView = DistributiveOmit<Exclude<SessionView, { step: 'idle' }>, FlowBase>;

export interface EffectTools {
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly log: Logger;
  readonly txnId: string;
  /**
   * How many times longer the citizen's waits are this session (elderly mode; 1 otherwise): an
   * effect that makes a device wait for the citizen (the slot, the gate) waits this much longer,
   * as the step's deadline does (see FlowDefinition.deviceWaits).
   */
  readonly timeScale: number;
}

export interface EffectOutcome<E extends EventObject> {
  /** The event the result sends into the statechart. */
  readonly event: E;
  /**
   * What the step did to the world (payment id, card position, chip write result, print job),
   * journaled in the step log together with the transition it causes. No raw personal data.
   */
  readonly effect: Readonly<Record<string, unknown>>;
}

/**
 * External work a state does when it is entered: a device or central call. It runs only after the
 * state (with any idempotency key its transition made) is journaled, and its result comes back as
 * an event. An effect that throws sends `EFFECT_FAILED`, which every effect state handles.
 */
export type Effect<C, E extends EventObject> = (context: C, tools: EffectTools) => Promise<EffectOutcome<E>>;

/**
 * After a crash, per state: run the state's effect again (it is safe to), or move on to another
 * state (a compensation), optionally noting something in the context (why it ended).
 */
export type Recovery<C> = 'resume' | { readonly goTo: string; readonly note?: Partial<C> };

/** The one record central gets when the transaction ends. */
export interface FlowRecord {
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Files already kept with the transaction (AttachmentStore) that central gets before the record. */
  readonly attachments?: readonly AttachmentRef[];
  /** Side events that are records of their own (a retained card), each with a fresh txnId. */
  readonly sideRecords?: ReadonlyArray<{ readonly kind: string; readonly payload: Readonly<Record<string, unknown>> }>;
}

/**
 * A citizen service as a persisted statechart. The machine is pure (states, events, context);
 * everything that touches the world is an effect the runner starts after journaling the state.
 */
export interface FlowDefinition<C, E extends EventObject> {
  readonly service: ServiceId;
  readonly machine: AnyStateMachine;
  readonly effects: Readonly<Partial<Record<string, Effect<C, E>>>>;
  /** States where the citizen acts: when the returned deadline (epoch ms) passes, `TIMEOUT` is sent. */
  readonly deadlines: Readonly<Partial<Record<string, (context: C, nowMs: number) => number>>>;
  /**
   * States whose deadline the world sets (a device's own wait, central's payment expiry): "are you
   * still there?" cannot extend them, and elderly mode lengthens only those in deviceWaits. The end screens
   * (FLOW_FINAL_STATES) are fixed anyway: their time limit only closes a finished session.
   */
  readonly fixedDeadlines?: readonly string[];
  /**
   * Of the fixed deadlines, those a device waits out on the kiosk's own setting (the slot's wait
   * for a permit, the gate's take-back wait): elderly mode lengthens them, and the state's effect
   * lengthens the device's wait by EffectTools.timeScale to match. "Are you still there?" still
   * cannot extend them: the device is already waiting.
   */
  readonly deviceWaits?: readonly string[];
  readonly recovery: (state: string, context: C) => Recovery<C>;
  readonly view: (state: string, context: C) => FlowView;
  /** Built when the flow reaches a final state, from its context and step log. */
  readonly record: (state: string, context: C, steps: readonly StepRow[]) => FlowRecord;
}

/** The state as one name: flows use flat top-level states. */
export function stateName(value: unknown): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`flows use flat states; got ${JSON.stringify(value)}`);
}
