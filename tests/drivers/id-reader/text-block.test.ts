import { describe, expect, it } from 'vitest';
import { decodeTextBlock, encodeTextBlock } from '../../../drivers/id-reader/text-block';
import { testCardNames, testCards } from '../../../simulators/id-reader/test-cards';

describe('GA 467 text block', () => {
  it.each(testCardNames)('round-trips the %s test card', (name) => {
    const card = testCards[name].text;
    expect(decodeTextBlock(encodeTextBlock(card))).toEqual(card);
  });

  it('reads a resident card laid out by hand at the contract offsets', () => {
    const block = new Uint8Array(256).fill(0);
    for (let i = 0; i < 256; i += 2) block[i] = 0x20;
    const put = (offset: number, text: string) =>
      Array.from(text).forEach((ch, i) => {
        block[offset + 2 * i] = ch.charCodeAt(0) & 0xff;
        block[offset + 2 * i + 1] = ch.charCodeAt(0) >> 8;
      });
    put(0, '王五');
    put(30, '2');
    put(32, '03');
    put(36, '20000229');
    put(122, '11010120000229002X');
    put(204, '长期');
    const card = decodeTextBlock(block);
    expect(card).toMatchObject({
      cardType: 'resident-id',
      name: '王五',
      sex: 'female',
      nation: '03',
      birthDate: '2000-02-29',
      idNumber: '11010120000229002X',
      validTo: 'long-term',
      address: null,
    });
  });

  it('rejects an unknown card type mark with a typed error', () => {
    const block = encodeTextBlock(testCards.resident.text);
    block[248] = 'Q'.charCodeAt(0);
    expect(() => decodeTextBlock(block)).toThrow(/card type/);
  });
});
