/**
 * Resident ID numbers (GB 11643): 17 digits plus a mod 11-2 check character, with a valid birth
 * date at positions 7-14. Pure functions, used by the host and the renderer alike.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('an ID number body is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdNumberProblem = 'length' | 'characters' | 'birth-date' | 'check-digit';

/** Why an ID number is not valid, or null when it is. */
export function idNumberProblem(value: string, today: Date = new Date()): IdNumberProblem | null {
  if (value.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(value)) return 'characters';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const real = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!real || year < 1900 || birth.getTime() > today.getTime()) return 'birth-date';
  if (checkCharacter(value.slice(0, 17)) !== value[17]) return 'check-digit';
  return null;
}

export function isValidIdNumber(value: string, today?: Date): boolean {
  return idNumberProblem(value, today) === null;
}

/** 17 digits and a check character. */
export const ID_NUMBER_LENGTH = 18;

/** Whether an on-screen keypad key may go into an ID number typed so far: digits, X only as the check character. */
export function idNumberKeyFits(typed: string, key: string): boolean {
  if (key === 'delete') return typed.length > 0;
  if (typed.length >= ID_NUMBER_LENGTH) return false;
  return /^\d$/.test(key) || (key === 'X' && typed.length === ID_NUMBER_LENGTH - 1);
}

/**
 * What is already wrong with an ID number while it is being typed, as soon as the part is there to
 * judge: the birth year (positions 7-10), its month (11-12), the whole date (13-14), and at 18
 * characters everything. Null while nothing typed so far is wrong.
 */
export function typedIdNumberProblem(typed: string, today: Date = new Date()): IdNumberProblem | null {
  if (typed.length >= ID_NUMBER_LENGTH) return idNumberProblem(typed, today);
  const year = typed.length >= 10 ? Number(typed.slice(6, 10)) : undefined;
  if (year !== undefined && (year < 1900 || year > today.getUTCFullYear())) return 'birth-date';
  const month = typed.length >= 12 ? Number(typed.slice(10, 12)) : undefined;
  if (month !== undefined && (month < 1 || month > 12)) return 'birth-date';
  if (typed.length < 14) return null;
  // The date with a body and check character made up to fit: only the date can be wrong.
  const body = `${typed.slice(0, 14)}000`;
  return idNumberProblem(body + checkCharacter(body), today) === 'birth-date' ? 'birth-date' : null;
}

/** First 4 and last 4 visible, the rest starred: `4401**********123X`. */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/** The family name stays, the rest is starred: `张*` / `张**`; Latin names keep the first letter. */
export function maskName(value: string): string {
  const chars = Array.from(value.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + chars.slice(1).map((c) => (c === ' ' ? ' ' : '*')).join('');
}
