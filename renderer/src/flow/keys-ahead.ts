/**
 * The keypad's echo a step ahead of the host (issue 12: a key shows at once, not after the host's
 * round trip). The host keeps what is typed, checks it and says what the field shows; until its
 * answer to a key arrives, the screen shows the keys pressed since its last view added the way
 * the host echoes them: as typed, or as a dot in a field shown as dots. Where the host's echo
 * cannot be foreseen the screen waits for it: the key that completes an ID number (the host then
 * masks it), a delete in a masked echo, a key in a full field. The host's view replaces the guess
 * as soon as it comes, with its own checks (a refused key, a wrong part marked).
 */
import type { SessionView } from '../../../main/api/contract';

type KeypadStep = Extract<SessionView, { step: 'reissue-id-input' | 'pickup-input' | 'query-input' }>;

/** What the screen must know of a field to echo a key as the host will. */
interface FieldEcho {
  readonly maxLength: number;
  /** The host masks the number once it is complete. */
  readonly masksWhenComplete: boolean;
  /** The host shows each character as a dot. */
  readonly dots: boolean;
}

/** The host's dot for each character of a field shown as dots (the last 4 of an ID number). */
export const ECHO_DOT = '•';

const ID_NUMBER_LENGTH = 18;

export function isKeypadStep(view: SessionView): view is KeypadStep {
  return view.step === 'reissue-id-input' || view.step === 'pickup-input' || view.step === 'query-input';
}

function fieldEcho(view: KeypadStep): FieldEcho {
  switch (view.step) {
    case 'reissue-id-input':
      return { maxLength: ID_NUMBER_LENGTH, masksWhenComplete: true, dots: false };
    case 'pickup-input':
      return { maxLength: view.maxLength, masksWhenComplete: view.field === 'idNumber', dots: false };
    case 'query-input':
      return { maxLength: view.maxLength, masksWhenComplete: false, dots: view.field === 'idNumberLast4' };
  }
}

/** The echo after one more key, or null when only the host can say what it shows. */
function nextEcho(echo: string, typed: number, key: string, field: FieldEcho): { readonly echo: string; readonly typed: number } | null {
  // Not the plain text as typed (masked, or not what this screen knows): wait for the host.
  if (echo.length !== typed) return null;
  if (key === 'delete') return typed > 0 && !(field.masksWhenComplete && typed >= field.maxLength) ? { echo: echo.slice(0, -1), typed: typed - 1 } : null;
  if (typed >= field.maxLength) return null;
  if (field.masksWhenComplete && typed + 1 === field.maxLength) return null;
  return { echo: echo + (field.dots ? ECHO_DOT : key), typed: typed + 1 };
}

/**
 * The view with `keys` (pressed, not yet in the host's view) echoed, as far as they can be
 * foreseen: the keys after the first that cannot are not shown until the host answers.
 */
export function withKeysAhead(view: SessionView, keys: readonly string[]): SessionView {
  if (keys.length === 0 || !isKeypadStep(view)) return view;
  const field = fieldEcho(view);
  let { echo, typed } = view;
  for (const key of keys) {
    const next = nextEcho(echo, typed, key, field);
    if (!next) break;
    ({ echo, typed } = next);
  }
  return typed === view.typed && echo === view.echo ? view : { ...view, echo, typed };
}
