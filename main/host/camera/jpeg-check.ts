/**
 * What the host checks of a still the screen sends, before it is sealed and sent on: that it is a
 * baseline or progressive JPEG whose frame header declares the sides the screen claimed. The
 * bytes come from a page; a page can be wrong or hostile.
 */
export type JpegProblem = 'not-jpeg' | 'truncated' | 'no-frame-header' | 'wrong-size' | 'too-small' | 'too-big' | 'not-colour';

export type JpegCheck = { readonly ok: true; readonly width: number; readonly height: number } | { readonly ok: false; readonly problem: JpegProblem; readonly message: string };

export interface JpegExpectation {
  readonly width: number;
  readonly height: number;
  readonly minBytes: number;
  readonly maxBytes: number;
}

/** Start-of-frame markers (SOF0-SOF15 without DHT 0xC4, JPG 0xC8 and DAC 0xCC). */
const isFrameHeader = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

export function checkJpeg(bytes: Uint8Array, expected: JpegExpectation): JpegCheck {
  const fail = (problem: JpegProblem, message: string): JpegCheck => ({ ok: false, problem, message });
  if (bytes.length < expected.minBytes) return fail('too-small', `${bytes.length} bytes, at least ${expected.minBytes} expected`);
  if (bytes.length > expected.maxBytes) return fail('too-big', `${bytes.length} bytes, at most ${expected.maxBytes} allowed`);
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return fail('not-jpeg', 'no JPEG start-of-image marker');
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) return fail('truncated', 'no JPEG end-of-image marker');
  // Walk the marker segments up to the frame header; each carries its own length.
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return fail('no-frame-header', `segment structure broken at byte ${at}`);
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return fail('no-frame-header', `segment at byte ${at} runs past the end`);
    if (isFrameHeader(marker)) {
      if (length < 8) return fail('no-frame-header', 'frame header too short');
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      const components = bytes[at + 9]!;
      if (width !== expected.width || height !== expected.height) {
        return fail('wrong-size', `the JPEG is ${width}x${height}, the screen said ${expected.width}x${expected.height}`);
      }
      if (components !== 3) return fail('not-colour', `${components} colour components, 3 expected`);
      return { ok: true, width, height };
    }
    if (marker === 0xda) break; // start of scan before any frame header
    at += 2 + length;
  }
  return fail('no-frame-header', 'no frame header before the image data');
}
