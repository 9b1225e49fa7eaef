/**
 * Every word a citizen reads comes from the renderer's catalogues, so the three languages must
 * offer the same keys, and every key the host or the shell sends to the screen must exist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGUAGES, textFor, textKeys } from '../support/catalogues';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Quoted literals that look like catalogue keys: `'errors.internal'`, `'services.notYetAvailable'`. */
function keyLiterals(file: string): string[] {
  const groups = Object.keys(CATALOGUES.en as object).join('|');
  // Quotes only: backticks in comments name code (`app.relaunch`), not catalogue keys.
  const pattern = new RegExp(`(['"])((?:${groups})\\.[A-Za-z0-9.-]+)\\1`, 'g');
  return [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => match[2]!);
}

const placeholders = (text: string | undefined): string[] => [...(text ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

describe('i18n catalogues', () => {
  it('offer the same keys in zh-CN, zh-TW and en', () => {
    const [first, ...others] = LANGUAGES.map((language) => ({ language, keys: textKeys(CATALOGUES[language]).sort() }));
    for (const other of others) expect(other.keys, `${other.language} vs ${first!.language}`).toEqual(first!.keys);
  });

  it('have a non-empty text with the same placeholders in every language', () => {
    for (const key of textKeys(CATALOGUES['zh-CN'])) {
      const expected = placeholders(textFor('zh-CN', key));
      for (const language of LANGUAGES) {
        expect(textFor(language, key)?.trim(), `${key} in ${language}`).toBeTruthy();
        expect(placeholders(textFor(language, key)), `${key} in ${language}`).toEqual(expected);
      }
    }
  });

  it('have a text for every key the host and the shell send to the screen', () => {
    const sent = ['main/host', 'main/shell', 'renderer/src'].flatMap(sourceFiles).flatMap(keyLiterals);
    // The scan must see the keys it is meant to guard, or it proves nothing.
    expect(sent).toEqual(expect.arrayContaining(['services.deviceOutOfService', 'errors.readerOutOfService', 'errors.connectionLost']));
    const missing = [...new Set(sent)].flatMap((key) => LANGUAGES.filter((language) => textFor(language, key) === undefined).map((language) => `${key} in ${language}`));
    expect(missing).toEqual([]);
  });
});
