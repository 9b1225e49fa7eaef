/**
 * How one endorsement central offers is put into words, on the screen and on receipts: every word comes from the catalogues,
 * looked up by the option's code, validity and entries. Pure, so it is unit-tested without a DOM.
 */
import type { EndorsementOption } from '../api/contract';

/** A catalogue key and the values it interpolates. */
export interface Text {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

const TYPE_KEYS: Readonly<Record<string, string>> = {
  G: 'endorsement.type.G',
  L: 'endorsement.type.L',
  T: 'endorsement.type.T',
  S: 'endorsement.type.S',
  Q: 'endorsement.type.Q',
  D: 'endorsement.type.D',
};

/** The endorsement type's name; a code the catalogue does not know is shown as itself. */
export function typeText(code: string): Text {
  const key = Object.hasOwn(TYPE_KEYS, code) ? TYPE_KEYS[code] : undefined;
  return key ? { key } : { key: 'endorsement.type.unknown', values: { code } };
}

/** Validity as central writes it, e.g. `3M` (three months) or `1Y` (one year). */
export function validityText(validity: string): Text {
  const match = /^(\d{1,3})([MY])$/.exec(validity);
  if (!match) return { key: 'endorsement.validity.other', values: { value: validity } };
  const count = Number(match[1]);
  if (match[2] === 'M') return count === 1 ? { key: 'endorsement.validity.oneMonth' } : { key: 'endorsement.validity.months', values: { count } };
  return count === 1 ? { key: 'endorsement.validity.oneYear' } : { key: 'endorsement.validity.years', values: { count } };
}

export function entriesText(entries: EndorsementOption['entries']): Text {
  if (entries === 1) return { key: 'endorsement.entries.one' };
  if (entries === 2) return { key: 'endorsement.entries.two' };
  return { key: 'endorsement.entries.multiple' };
}

/** Fen as yuan with two decimals, in integer arithmetic: 1500 -> "15.00", 8 -> "0.08". */
export function yuan(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  return `${whole}.${String(cents).padStart(2, '0')}`;
}

/** The amount in the catalogue's money format (`¥{{amount}}`). */
export function moneyText(fen: number): Text {
  return { key: 'endorsement.money', values: { amount: yuan(fen) } };
}
