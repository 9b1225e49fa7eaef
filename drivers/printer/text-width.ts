/** Column widths on the printer: font A cells are 12 x 24 dots, 48 columns on the 80 mm head. */
import iconv from 'iconv-lite';

/** Font A columns across the 80 mm head's 576 dots. */
export const PAPER_COLUMNS = 48;

/**
 * In Chinese mode the printer takes every multi-byte GB18030 character as one full-width glyph
 * (two columns, 24 dots) and every single byte as a half-width one (12 dots): the width follows
 * the encoding, not Unicode's East Asian width (box-drawing rules and '·' are full width here).
 */
export function charColumns(char: string): number {
  if ((char.codePointAt(0) ?? 0) < 0x80) return 1;
  return iconv.encode(char, 'gb18030').length > 1 ? 2 : 1;
}

export function textColumns(text: string): number {
  let columns = 0;
  for (const char of text) columns += charColumns(char);
  return columns;
}

/** Breaks text into lines of at most `columns`, as the printer wraps a long line. */
export function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const char of text) {
    const width = charColumns(char);
    if (used + width > columns && line !== '') {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += char;
    used += width;
  }
  lines.push(line);
  return lines;
}

/**
 * Breaks text into lines of at most `columns` between words, as a receipt should read: Latin
 * words stay whole (a word wider than a line is broken by columns), and every full-width
 * character may start a line, as Chinese text breaks anywhere. The spaces at a break are dropped.
 */
export function wrapWords(text: string, columns: number): string[] {
  // Words: runs of single-width non-space characters, or one full-width character each.
  const tokens = text.match(/ +|[\x21-\x7e]+|[^ ]/gu) ?? [];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const flush = () => {
    lines.push(line.trimEnd());
    line = '';
    used = 0;
  };
  for (const token of tokens) {
    const width = textColumns(token);
    if (token.startsWith(' ')) {
      if (used > 0) {
        line += token;
        used += width;
      }
      continue;
    }
    if (used + width > columns && line.trim() !== '') flush();
    if (width > columns) {
      const parts = wrapColumns(token, columns);
      lines.push(...parts.slice(0, -1));
      line = parts.at(-1)!;
      used = textColumns(line);
      continue;
    }
    line += token;
    used += width;
  }
  if (line !== '' || lines.length === 0) flush();
  return lines;
}
