/**
 * The made-up "photo on record" the simulated registry hands out: a valid baseline JPEG of an
 * 8x8 mid-grey square, assembled here segment by segment so no real face is ever involved. It
 * decodes in any JPEG reader, which is all a kiosk needs to show or print it.
 */

const segment = (marker: number, payload: number[]): number[] => {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
};

/** One Huffman table whose only code (the one-bit `0`) stands for `symbol`. */
const oneCodeTable = (tableClassAndId: number, symbol: number): number[] => [tableClassAndId, 1, ...new Array<number>(15).fill(0), symbol];

const bytes = [
  0xff, 0xd8, // start of image
  ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // JFIF 1.1, no thumbnail
  ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]), // quantisation table 0: all ones
  ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]), // baseline, 8x8, one grey component
  ...segment(0xc4, oneCodeTable(0x00, 0x00)), // DC table 0: difference category 0
  ...segment(0xc4, oneCodeTable(0x10, 0x00)), // AC table 0: end of block
  ...segment(0xda, [1, 1, 0x00, 0, 63, 0]), // start of scan
  // DC "0" and EOB "0" are two zero bits; the byte is padded with ones, as the standard asks.
  0x3f,
  0xff, 0xd9, // end of image
];

export const SAMPLE_JPEG: Uint8Array = Uint8Array.from(bytes);
export const SAMPLE_JPEG_BASE64: string = Buffer.from(SAMPLE_JPEG).toString('base64');

/** True when `base64` decodes to bytes that start like a JPEG (SOI then a marker). */
export function looksLikeBase64Jpeg(base64: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return false;
  const head = Buffer.from(base64.slice(0, 8), 'base64');
  return head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
}
