import { type IdNumberProblem, idNumberProblem, maskIdNumber } from '../../../domain/id-number';
import type { FlowView } from '../engine/flow-definition';

/** A resident ID number is 18 characters: 17 digits and a check character (0-9 or X). */
export const ID_NUMBER_LENGTH = 18;

/** Whether `key` may be typed now: digits up to 18, X only as the 18th character, delete when there is something. */
export function keyFits(typed: string, key: string): boolean {
  if (key === 'delete') return typed.length > 0;
  if (typed.length >= ID_NUMBER_LENGTH) return false;
  if (key === 'X') return typed.length === ID_NUMBER_LENGTH - 1;
  return /^\d$/.test(key);
}

export function typeKey(typed: string, key: string): string {
  return key === 'delete' ? typed.slice(0, -1) : typed + key;
}

/**
 * What is already wrong in a number being typed, as soon as it shows: the year of birth once
 * 10 characters are in, the month at 12, the whole date at 14, the check character at 18.
 * Null while nothing typed so far is wrong. `today` is the kiosk's date (no birth after it).
 */
export function typedProblem(typed: string, today: Date): IdNumberProblem | null {
  if (typed.length === ID_NUMBER_LENGTH) return idNumberProblem(typed, today);
  if (typed.length >= 10) {
    const year = Number(typed.slice(6, 10));
    if (year < 1900 || year > today.getUTCFullYear()) return 'birth-date';
  }
  if (typed.length >= 12) {
    const month = Number(typed.slice(10, 12));
    if (month < 1 || month > 12) return 'birth-date';
  }
  if (typed.length >= 14) {
    // The full date with a check character that always fits: only the date is judged here.
    const problem = idNumberProblem(`${typed.slice(0, 14)}0000`, today);
    if (problem === 'birth-date') return problem;
  }
  return null;
}

/** The i18n key that says which part of the number is wrong. */
export function problemKey(problem: IdNumberProblem): string {
  switch (problem) {
    case 'length':
      return 'idReissue.input.problem.length';
    case 'characters':
      return 'idReissue.input.problem.characters';
    case 'birth-date':
      return 'idReissue.input.problem.birthDate';
    case 'check-digit':
      return 'idReissue.input.problem.checkDigit';
    default:
      return problem satisfies never;
  }
}

/**
 * The keypad step as the screen shows it (the reissue's and the certificate reprint's): what is
 * typed, masked once complete and valid, and what is wrong in it already. `messageKey` is why the
 * last confirm was refused, said first.
 */
export function idNumberInputView(typed: string, messageKey: string | undefined, startedAtMs: number): FlowView {
  const problem = typedProblem(typed, new Date(startedAtMs));
  const complete = typed.length === ID_NUMBER_LENGTH && problem === null;
  return {
    step: 'reissue-id-input',
    typed: typed.length,
    echo: complete ? maskIdNumber(typed) : typed,
    problemKey: messageKey ?? (problem ? problemKey(problem) : null),
    problemPart: problem ?? (messageKey ? 'length' : null),
  };
}
