/**
 * The 256-byte GA 467 text block: UCS-2 little-endian, space-padded, with the card type at byte
 * offset 248. Decoding is what the driver does; encoding is what the simulator does.
 */
import type { CardText, CardType } from './card';

export const TEXT_BLOCK_LENGTH = 256;

interface Field {
  readonly key: string;
  readonly offset: number;
  readonly length: number;
}

const f = (key: string, offset: number, length: number): Field => ({ key, offset, length });

/** Byte layouts per card type, straight from the contract's tables. */
const layouts: Readonly<Record<CardType, readonly Field[]>> = {
  'resident-id': [
    f('name', 0, 30),
    f('sex', 30, 2),
    f('nation', 32, 4),
    f('birthDate', 36, 16),
    f('address', 52, 70),
    f('idNumber', 122, 36),
    f('issuer', 158, 30),
    f('validFrom', 188, 16),
    f('validTo', 204, 16),
  ],
  'hk-macau-taiwan-permit': [
    f('name', 0, 30),
    f('sex', 30, 2),
    f('birthDate', 36, 16),
    f('address', 52, 70),
    f('idNumber', 122, 36),
    f('issuer', 158, 30),
    f('validFrom', 188, 16),
    f('validTo', 204, 16),
    f('permitNumber', 220, 18),
    f('issueCount', 238, 4),
  ],
  'foreign-permanent-2017': [
    f('nameEn', 0, 120),
    f('sex', 120, 2),
    f('idNumber', 122, 30),
    f('nationality', 152, 6),
    f('name', 158, 30),
    f('validFrom', 188, 16),
    f('validTo', 204, 16),
    f('birthDate', 220, 16),
  ],
  'foreign-permanent-2023': [
    f('name', 0, 30),
    f('sex', 30, 2),
    f('issueCount', 32, 4),
    f('birthDate', 36, 16),
    f('nameEn', 52, 70),
    f('idNumber', 122, 36),
    f('validFrom', 188, 16),
    f('validTo', 204, 16),
    f('nameEn2', 220, 22),
    f('nationality', 242, 6),
  ],
};

const typeMarks: Readonly<Record<CardType, string>> = {
  'resident-id': ' ',
  'hk-macau-taiwan-permit': 'J',
  'foreign-permanent-2017': 'I',
  'foreign-permanent-2023': 'Y',
};

export class TextBlockError extends Error {
  override readonly name = 'TextBlockError';
}

function readUcs2(block: Uint8Array, offset: number, length: number): string {
  let out = '';
  for (let i = offset; i + 1 < offset + length; i += 2) out += String.fromCharCode(block[i]! | (block[i + 1]! << 8));
  // Trailing padding (spaces, and NULs some cards carry) is not part of the value.
  let end = out.length;
  while (end > 0 && (out[end - 1] === ' ' || out[end - 1] === '\u0000' || out[end - 1] === '\t')) end--;
  return out.slice(0, end);
}

function cardTypeOf(block: Uint8Array): CardType {
  const mark = String.fromCharCode(block[248]! | (block[249]! << 8));
  switch (mark) {
    case ' ':
    case '\u0000':
      return 'resident-id';
    case 'J':
      return 'hk-macau-taiwan-permit';
    case 'I':
      return 'foreign-permanent-2017';
    case 'Y':
      return 'foreign-permanent-2023';
    default:
      throw new TextBlockError(`unrecognised card type mark ${JSON.stringify(mark)} at offset 248`);
  }
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  if (value === '长期') return 'long-term';
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : value;
}

function sexOf(code: string | undefined): 'male' | 'female' | null {
  if (code === '1') return 'male';
  if (code === '2') return 'female';
  return null;
}

/** Decodes a 256-byte text block. Throws TextBlockError on a wrong size or unknown card type. */
export function decodeTextBlock(block: Uint8Array): CardText {
  if (block.length !== TEXT_BLOCK_LENGTH) throw new TextBlockError(`text block is ${block.length} bytes, not 256`);
  const cardType = cardTypeOf(block);
  const raw: Record<string, string> = {};
  for (const field of layouts[cardType]) raw[field.key] = readUcs2(block, field.offset, field.length);
  const nameEn = [raw.nameEn, raw.nameEn2].filter((part) => part).join('') || null;
  return {
    cardType,
    name: raw.name ?? '',
    nameEn,
    sex: sexOf(raw.sex),
    nation: cardType === 'resident-id' ? (raw.nation ?? null) : null,
    birthDate: isoDate(raw.birthDate),
    address: raw.address || null,
    idNumber: raw.idNumber ?? '',
    issuer: raw.issuer || null,
    validFrom: isoDate(raw.validFrom),
    validTo: isoDate(raw.validTo),
    permitNumber: raw.permitNumber || null,
    issueCount: raw.issueCount || null,
    nationality: raw.nationality || null,
  };
}

function compactDate(value: string | null): string {
  if (value === null) return '';
  if (value === 'long-term') return '长期';
  return value.replaceAll('-', '');
}

/** Encodes card text into the 256-byte block (the simulator's side). Long values are cut. */
export function encodeTextBlock(card: CardText): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_LENGTH);
  // Right-padded with spaces, as real cards are.
  for (let i = 0; i < TEXT_BLOCK_LENGTH; i += 2) block[i] = 0x20;
  const nameEn = card.nameEn ?? '';
  const values: Record<string, string> = {
    name: card.name,
    sex: card.sex === 'male' ? '1' : card.sex === 'female' ? '2' : '',
    nation: card.nation ?? '',
    birthDate: compactDate(card.birthDate),
    address: card.address ?? '',
    idNumber: card.idNumber,
    issuer: card.issuer ?? '',
    validFrom: compactDate(card.validFrom),
    validTo: compactDate(card.validTo),
    permitNumber: card.permitNumber ?? '',
    issueCount: card.issueCount ?? '',
    nationality: card.nationality ?? '',
    nameEn: card.cardType === 'foreign-permanent-2023' ? nameEn.slice(0, 35) : nameEn,
    nameEn2: nameEn.slice(35, 46),
  };
  for (const field of layouts[card.cardType]) writeUcs2(block, field.offset, field.length, values[field.key] ?? '');
  writeUcs2(block, 248, 2, typeMarks[card.cardType]);
  return block;
}

function writeUcs2(block: Uint8Array, offset: number, length: number, value: string): void {
  const chars = Math.min(value.length, length / 2);
  for (let i = 0; i < chars; i++) {
    const code = value.charCodeAt(i);
    block[offset + 2 * i] = code & 0xff;
    block[offset + 2 * i + 1] = code >> 8;
  }
}
