import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { feed, qr, receipt, text } from '../../../drivers/printer/document';
import { renderSvg, renderText } from '../../../simulators/printer/render';

describe('technician renderings', () => {
  const document = receipt([
    text('通办 自助终端 测试页', { align: 'centre', bold: true, doubleSize: true }),
    text('right <&>', { align: 'right' }),
    feed(1),
    qr('TB-2024-000123', { moduleSize: 4, errorCorrection: 'M' }),
  ]);

  it('renders text framed at 48 columns with alignment, style notes and the QR caption', () => {
    const lines = renderText(document).split('\n');
    expect(lines[0]).toBe(`|${' '.repeat(14)}通办 自助终端 测试页${' '.repeat(14)}| bold x2`);
    expect(lines[1]).toBe(`|${' '.repeat(39)}right <&>|`);
    expect(lines.some((line) => line.includes('[QR M x4: TB-2024-000123]'))).toBe(true);
    expect(lines.at(-1)).toContain('cut');
  });

  it('draws the QR in the SVG module for module, at the module size', () => {
    const svg = renderSvg(document);
    const symbol = QRCode.create('TB-2024-000123', { errorCorrectionLevel: 'M' });
    let dark = 0;
    for (let row = 0; row < symbol.modules.size; row += 1) {
      for (let col = 0; col < symbol.modules.size; col += 1) dark += symbol.modules.get(row, col);
    }
    const path = /<path d="([^"]*)" fill="#000" data-qr="TB-2024-000123"\/>/.exec(svg)?.[1] ?? '';
    expect(path.match(/M/g)?.length).toBe(dark);
    expect(path).toContain('h4v4h-4z');
    expect(svg).toContain('>通办 自助终端 测试页</text>');
    expect(svg).toContain('right &#60;&#38;&#62;');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="576"')).toBe(true);
  });
});
