/** Column widths on the printer: CJK and full-width characters take two columns (24 dots). */

const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x20000, 0x3fffd],
];

export function charColumns(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return WIDE_RANGES.some(([low, high]) => code >= low && code <= high) ? 2 : 1;
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
