import { MAX_PRINT_LINE_CHARS, MAX_PRINT_LINES } from '../../drivers/certificate-unit/messages';

/**
 * Renders what the card-back printer put on a permit, so a technician can see a print job without
 * the card: as plain text (CLI, logs) and as SVG at the card's real size (85.6 x 54 mm).
 */

/** East Asian wide characters take two terminal columns; the box must still line up. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** The print area as a box of MAX_PRINT_LINES rows, each wide enough for 24 wide characters. */
export function renderCardBackText(lines: readonly string[]): string {
  const inner = MAX_PRINT_LINE_CHARS * 2;
  const rows = Array.from({ length: MAX_PRINT_LINES }, (_, i) => lines[i] ?? '');
  const border = `+${'-'.repeat(inner + 2)}+`;
  const body = rows.map((row) => `| ${row}${' '.repeat(Math.max(0, inner - displayWidth(row)))} |`);
  return [border, ...body, border].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => {
    switch (ch) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

/** An SVG of the card back (ID-1 size, mm units) with the printed lines in a monospace font. */
export function renderCardBackSvg(lines: readonly string[]): string {
  const lineHeight = 6.5;
  const text = lines
    .slice(0, MAX_PRINT_LINES)
    .map((line, i) => `  <text x="6" y="${(12 + i * lineHeight).toFixed(1)}">${escapeXml(line)}</text>`)
    .join('\n');
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="85.6mm" height="54mm" viewBox="0 0 85.6 54">',
    '  <rect x="0.5" y="0.5" width="84.6" height="53" rx="3.2" fill="#f7f7f2" stroke="#888" stroke-width="0.3"/>',
    '  <g font-family="monospace" font-size="4" fill="#1a1a1a">',
    text,
    '  </g>',
    '</svg>',
  ].join('\n');
}
