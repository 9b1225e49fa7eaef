import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../api/contract';

/** The renderer's catalogues are the one source of citizen-facing words; receipts read them too. */
const CATALOGUE_DIR = join(import.meta.dirname, '..', '..', 'renderer', 'i18n');

function lookup(catalogue: unknown, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * A translator for printed receipts in one language, with `{{name}}` placeholders as the screen's
 * i18next uses them. A key with no text prints the key itself (a test keeps that from happening).
 */
export function receiptTexts(language: Language = 'zh-CN', catalogueDir: string = CATALOGUE_DIR) {
  const catalogue = JSON.parse(readFileSync(join(catalogueDir, `${language}.json`), 'utf8')) as unknown;
  return (key: string, values: Readonly<Record<string, string | number>> = {}): string =>
    (lookup(catalogue, key) ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
