import { assign, type EventObject } from 'xstate';
import { idNumberProblem } from '../../../domain/id-number';
import { keyFits, problemKey, typeKey } from '../id-reissue/input';

/** What the keypad step keeps, in every flow that types the ID number (the card is lost). */
export interface KeypadContext {
  readonly startedAtMs: number;
  /** What the keypad has typed so far (digits and X). */
  readonly typed: string;
  /** Why the last confirm was refused (an i18n key); cleared by the next key. */
  readonly inputMessageKey?: string;
  /** Confirms refused for their format (the record counts them). */
  readonly badInputs: number;
  /** The number once confirmed, checked on the kiosk. */
  readonly idNumber?: string;
}

interface Args<C, E> {
  readonly context: C;
  readonly event: E;
}

/** The kiosk's date, for the birth-date check (nobody is born after today). */
const problemOf = (context: KeypadContext) => idNumberProblem(context.typed, new Date(context.startedAtMs));

/**
 * The keypad step's KEY and CONFIRM transitions (the reissue's and the certificate reprint's): a
 * key that fits is typed; "confirm" goes to `next` with the number when it passes the checks
 * (length, birth date, GB 11643 check digit), before central hears anything, and otherwise says
 * which part is wrong and counts the refusal.
 */
export function idNumberKeypad<C extends KeypadContext, E extends EventObject>(next: string) {
  const update = (change: (context: C, event: E) => Partial<KeypadContext>) =>
    assign<C, E, undefined, E, never>(({ context, event }) => change(context, event) as Partial<C>);
  const keyOf = (event: E) => ('key' in event && typeof event.key === 'string' ? event.key : '');
  return {
    KEY: {
      guard: ({ context, event }: Args<C, E>) => keyFits(context.typed, keyOf(event)),
      actions: update((context, event) => ({ typed: typeKey(context.typed, keyOf(event)), inputMessageKey: undefined })),
    },
    CONFIRM: [
      { guard: ({ context }: Args<C, E>) => problemOf(context) === null, target: next, actions: update((context) => ({ idNumber: context.typed, inputMessageKey: undefined })) },
      { actions: update((context) => ({ inputMessageKey: problemKey(problemOf(context) ?? 'length'), badInputs: context.badInputs + 1 })) },
    ],
  } as const;
}
