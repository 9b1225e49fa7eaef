import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receipt, text } from '../../../drivers/printer/document';
import { PAPER_COLUMNS, textColumns, wrapWords } from '../../../drivers/printer/text-width';

describe('receipt lines broken between words', () => {
  it('an English title in double size breaks between words, not mid-word', () => {
    const doc = receipt([text('HK/Macau endorsement receipt', { align: 'centre', bold: true, doubleSize: true })]);
    const lines = doc.elements.filter((element) => element.kind === 'text');
    expect(lines.map((line) => line.text)).toEqual(['HK/Macau endorsement', 'receipt']);
    expect(lines.every((line) => line.doubleSize && line.bold && line.align === 'centre')).toBe(true);
  });

  it('a line that fits is left as it is; Chinese text breaks at any character', () => {
    const fits = text('交易号：GD-GZ-0001-20261123-A7E593');
    expect(receipt([fits]).elements[0]).toEqual(fits);
    const long = '签注已写入通行证芯片并打印在背面，请妥善保管通行证和本凭条，如有疑问请到窗口咨询';
    const lines = wrapWords(long, PAPER_COLUMNS);
    expect(lines.join('')).toBe(long);
    expect(lines.every((line) => textColumns(line) <= PAPER_COLUMNS)).toBe(true);
    expect(textColumns(lines[0]!)).toBe(PAPER_COLUMNS);
  });

  it('property: every line fits, no word is split unless wider than a line, and the words come back in order', () => {
    const word = fc.oneof(fc.stringMatching(/^[A-Za-z0-9,.:/-]{1,60}$/), fc.constantFrom('签注', '通行证', '有效期一年', '·'));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 8, max: 48 }), (words, columns) => {
        const lines = wrapWords(words.join(' '), columns);
        for (const line of lines) expect(textColumns(line)).toBeLessThanOrEqual(columns);
        for (const line of lines) expect(line).toBe(line.trim());
        expect(lines.join('').replace(/ /g, '')).toBe(words.join(''));
        // A word that fits a line is on one line, whole.
        for (const w of words.filter((w) => /^[\x21-\x7e]+$/.test(w) && textColumns(w) <= columns)) {
          expect(lines.some((line) => line.split(' ').includes(w) || line.includes(w))).toBe(true);
        }
      }),
    );
  });
});
