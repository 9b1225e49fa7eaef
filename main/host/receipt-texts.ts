import en from '../../renderer/i18n/en.json';
import zhCN from '../../renderer/i18n/zh-CN.json';
import zhTW from '../../renderer/i18n/zh-TW.json';
import type { Language } from '../api/contract';

/**
 * The renderer's catalogues are the one source of citizen-facing words; receipts read them too.
 * Imported, not read from disk, so they travel inside the packaged host's bundle.
 */
const CATALOGUES: Readonly<Record<Language, unknown>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

function lookup(catalogue: unknown, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The catalogue's text of one key in one language, or undefined when it has none (spoken prompts use it). */
export function catalogueText(language: Language, key: string): string | undefined {
  return lookup(CATALOGUES[language], key);
}

/**
 * A translator for printed receipts in one language, with `{{name}}` placeholders as the screen's
 * i18next uses them. A key with no text prints the key itself (a test keeps that from happening).
 */
export function receiptTexts(language: Language = 'zh-CN') {
  const catalogue = CATALOGUES[language];
  return (key: string, values: Readonly<Record<string, string | number>> = {}): string =>
    (lookup(catalogue, key) ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
