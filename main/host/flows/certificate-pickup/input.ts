import type { PickupField } from '../../../api/contract';
import { type IdNumberProblem, ID_NUMBER_LENGTH, idNumberKeyFits, typedIdNumberProblem } from '../../../domain/id-number';
import { FIELD_MAX } from './types';

/**
 * The keypad's entries, checked on the host as they are typed, before central is asked anything.
 * The ID number follows GB 11643 (domain/id-number.ts); the pickup code from the reissue receipt
 * is 6 to 8 digits.
 */
const PICKUP_CODE = /^\d{6,8}$/;

/** Whether `key` may be typed into `field` now. */
export function keyFits(field: PickupField, typed: string, key: string): boolean {
  if (field === 'idNumber') return idNumberKeyFits(typed, key);
  if (key === 'delete') return typed.length > 0;
  return typed.length < FIELD_MAX.pickupCode && /^\d$/.test(key);
}

export function typeKey(typed: string, key: string): string {
  return key === 'delete' ? typed.slice(0, -1) : typed + key;
}

export function isPickupCode(value: string): boolean {
  return PICKUP_CODE.test(value);
}

const PROBLEM_KEYS: Readonly<Record<IdNumberProblem, string>> = {
  length: 'pickup.input.idNumber.length',
  characters: 'pickup.input.idNumber.checkDigit',
  'birth-date': 'pickup.input.idNumber.birthDate',
  'check-digit': 'pickup.input.idNumber.checkDigit',
};

/** The i18n key saying which part of an ID number typed so far is wrong, or undefined. */
export function idNumberTypingProblem(typed: string, today: Date): string | undefined {
  const problem = typedIdNumberProblem(typed, today);
  return problem ? PROBLEM_KEYS[problem] : undefined;
}

/** Why "confirm" is refused for what is typed, or undefined when it can go on. */
export function confirmProblem(field: PickupField, typed: string, today: Date): string | undefined {
  if (field === 'pickupCode') return isPickupCode(typed) ? undefined : 'pickup.input.pickupCode.length';
  if (typed.length !== ID_NUMBER_LENGTH) return PROBLEM_KEYS.length;
  return idNumberTypingProblem(typed, today);
}
