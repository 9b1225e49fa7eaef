/**
 * The renderer's i18n catalogues as plain data, for tests that check keys the host and the
 * drivers hand to the screen. Keys resolve the way i18next resolves them by default: dots walk
 * into nested objects.
 */
import type { Language } from '../../main/api/contract';
import en from '../../renderer/i18n/en.json';
import zhCN from '../../renderer/i18n/zh-CN.json';
import zhTW from '../../renderer/i18n/zh-TW.json';

export const CATALOGUES: Readonly<Record<Language, unknown>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

export const LANGUAGES = Object.keys(CATALOGUES) as Language[];

/** The text behind `key`, or undefined when the key is missing or names a group, not a text. */
export function textFor(language: Language, key: string): string | undefined {
  let node: unknown = CATALOGUES[language];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Every key that names a text, in dotted form. */
export function textKeys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([name, child]) => textKeys(child, prefix ? `${prefix}.${name}` : name));
}

/** The keys directly under a group, e.g. `devices.printer`. */
export function keysUnder(language: Language, group: string): string[] {
  let node: unknown = CATALOGUES[language];
  for (const part of group.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'object' && node !== null ? Object.keys(node) : [];
}
