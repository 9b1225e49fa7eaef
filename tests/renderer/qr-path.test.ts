import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { QR_OPTIONS } from '../../renderer/src/components/qr-options';
import { qrSymbolPath } from '../../renderer/src/components/qr-path';

/** Fills a grid from the path's rectangles (`M x y h w v1 h-w z`), as a painter would. */
function paint(d: string, side: number): string[] {
  const grid = Array.from({ length: side }, () => Array<string>(side).fill('0'));
  for (const [, x, y, w, back] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h(-\d+)z/g)) {
    expect(Number(back)).toBe(-Number(w));
    for (let c = Number(x); c < Number(x) + Number(w); c++) grid[Number(y)]![c] = '1';
  }
  return grid.map((row) => row.join(''));
}

describe('the QR code as an SVG path', () => {
  it('paints exactly the dark modules of the symbol, inside the quiet zone', () => {
    const payload = 'https://pay.example.invalid/q/T20250101-0001-000123?amount=8000&sig=4f1c2a9e';
    const { modules } = QRCode.create(payload, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
    const symbol = qrSymbolPath(payload)!;
    const m = QR_OPTIONS.margin;
    expect(symbol.side).toBe(modules.size + 2 * m);
    const expected = Array.from({ length: symbol.side }, (_, r) =>
      Array.from({ length: symbol.side }, (_, c) => (r >= m && c >= m && r < m + modules.size && c < m + modules.size && modules.get(r - m, c - m) ? '1' : '0')).join(''),
    );
    expect(paint(symbol.d, symbol.side)).toEqual(expected);
  });

  it('gives nothing to draw for a payload no QR version holds (the screen then says so)', () => {
    expect(qrSymbolPath('x'.repeat(4000))).toBeNull();
  });
});
