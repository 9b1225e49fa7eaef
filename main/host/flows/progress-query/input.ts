import type { QueryField } from '../../../api/contract';
import { FIELD_MAX } from './types';

/**
 * The keypad's entries, checked on the host before central is asked anything. An application
 * number is `<kioskId>-<yyyymmdd>-<suffix>` as the kiosk assigns it (`GD-GZ-0001-20260105-3A9F01`);
 * the last 4 of an ID number are three digits and a check character (0-9 or X).
 */
const APPLICATION_NO = /^[A-Z]{2}-[A-Z]{2}-\d{4}-(\d{4})(\d{2})(\d{2})-[0-9A-Z]{1,6}$/;
const LAST4 = /^\d{3}[\dX]$/;

/** Whether `key` may be typed into `field` now (the last 4 take digits and X only). */
export function keyFits(field: QueryField, typed: string, key: string): boolean {
  if (key === 'delete') return typed.length > 0;
  if (typed.length >= FIELD_MAX[field]) return false;
  return field === 'idNumberLast4' ? /^[\dX]$/.test(key) : /^[0-9A-Z-]$/.test(key);
}

export function typeKey(typed: string, key: string): string {
  return key === 'delete' ? typed.slice(0, -1) : typed + key;
}

export function isApplicationNo(value: string): boolean {
  const match = APPLICATION_NO.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isIdNumberLast4(value: string): boolean {
  return LAST4.test(value);
}
