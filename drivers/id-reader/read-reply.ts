/**
 * The data of a successful read reply (after SW1-SW3): block lengths, then the 256-byte text,
 * the 1024-byte WLT photo and, for `30 10`, the fingerprint block. Pure; never throws.
 *
 *   30 01: text len (2) | photo len (2) | text | photo                      LEN 05 08
 *   30 10: text len (2) | photo len (2) | fp len (2) | text | photo | fp    LEN 09 0A
 *          a card without fingerprints: fp len 00 00, no fp block           LEN 05 0A
 */
import type { DecodedCard } from './card';
import { decodeTextBlock, TEXT_BLOCK_LENGTH, TextBlockError } from './text-block';
import type { IdReaderFailure, IdReaderResult } from './types';

export const PHOTO_LENGTH = 1024;
export const FINGERPRINT_LENGTH = 1024;

export interface ReadReply {
  readonly card: DecodedCard;
  readonly photo: Uint8Array;
  readonly fingerprints: Uint8Array | null;
}

const failure = (reason: IdReaderFailure['reason'], message: string): IdReaderFailure => ({ ok: false, reason, message });

const be16 = (data: Uint8Array, at: number): number => (data[at]! << 8) | data[at + 1]!;

/** Where the blocks sit: a fingerprint read answered without the fingerprint length word is accepted too. */
function layoutOf(data: Uint8Array, withFingerprints: boolean): { header: number; fingerprintLength: number } | string {
  const plain = 4 + TEXT_BLOCK_LENGTH + PHOTO_LENGTH;
  if (!withFingerprints) return { header: 4, fingerprintLength: 0 };
  // Readers without a fingerprint module answer 30 10 like 30 01; the length tells them apart.
  if (data.length === plain) return { header: 4, fingerprintLength: 0 };
  if (data.length < 6) return `read reply has only ${data.length} data bytes`;
  const fingerprintLength = be16(data, 4);
  if (fingerprintLength !== 0 && fingerprintLength !== FINGERPRINT_LENGTH) return `unexpected fingerprint length ${fingerprintLength}`;
  return { header: 6, fingerprintLength };
}

export function decodeReadReply(data: Uint8Array, withFingerprints: boolean): IdReaderResult<ReadReply> {
  if (data.length < 4) return failure('bad-response', `read reply has only ${data.length} data bytes`);
  const layout = layoutOf(data, withFingerprints);
  if (typeof layout === 'string') return failure('bad-response', layout);
  const textLength = be16(data, 0);
  const photoLength = be16(data, 2);
  if (textLength !== TEXT_BLOCK_LENGTH || photoLength !== PHOTO_LENGTH) {
    return failure('bad-response', `unexpected block lengths: text ${textLength}, photo ${photoLength}`);
  }
  const expected = layout.header + textLength + photoLength + layout.fingerprintLength;
  if (data.length !== expected) return failure('bad-response', `read reply has ${data.length} data bytes, expected ${expected}`);
  const textStart = layout.header;
  const photoStart = textStart + textLength;
  const fingerprintStart = photoStart + photoLength;
  const photo = data.slice(photoStart, fingerprintStart);
  const fingerprints = layout.fingerprintLength ? data.slice(fingerprintStart) : null;
  try {
    const text = decodeTextBlock(data.subarray(textStart, photoStart));
    const card: DecodedCard = {
      ...text,
      photoWlt: Buffer.from(photo).toString('base64'),
      fingerprints: fingerprints ? Buffer.from(fingerprints).toString('base64') : null,
    };
    return { ok: true, value: { card, photo, fingerprints } };
  } catch (error) {
    if (error instanceof TextBlockError) return failure('unknown-card-type', error.message);
    return failure('bad-response', `cannot decode the text block: ${error instanceof Error ? error.message : String(error)}`);
  }
}
