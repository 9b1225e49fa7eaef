/**
 * Just enough of the JPEG file format (ITU T.81 markers, JFIF 1.02 APP0) to check what an encoder
 * made and to state the photo's 350 dpi: the encoders at hand (canvas toBlob, jpeg-js) write a
 * JFIF header with no physical density.
 */
import { Ga461Error } from './errors';

export interface JfifDensity {
  /** 0: aspect ratio only, 1: dots per inch, 2: dots per cm. */
  readonly units: number;
  readonly x: number;
  readonly y: number;
}

export interface JpegInfo {
  readonly width: number;
  readonly height: number;
  /** 3 for YCbCr colour (24-bit), 1 for greyscale. */
  readonly components: number;
  /** Bits per sample. */
  readonly precision: number;
  /** The JFIF APP0 segment right after SOI, if there is one. */
  readonly jfif?: JfifDensity;
}

interface Segment {
  readonly marker: number;
  /** Offset of the 0xFF of its marker. */
  readonly start: number;
  /** Offset just past the segment. */
  readonly end: number;
}

const SOI = 0xd8;
const SOS = 0xda;
const APP0 = 0xe0;
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const JFIF_ID = [0x4a, 0x46, 0x49, 0x46, 0x00];

const u16 = (bytes: Uint8Array, at: number): number => (bytes[at]! << 8) | bytes[at + 1]!;

/** The header segments from SOI up to and including SOS (the entropy-coded data follows SOS). */
function headerSegments(bytes: Uint8Array): Segment[] {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) throw new Ga461Error('jpeg-malformed', 'not a JPEG: no SOI marker');
  const segments: Segment[] = [];
  let at = 2;
  for (;;) {
    if (at + 4 > bytes.length) throw new Ga461Error('jpeg-malformed', `JPEG ends inside its header at byte ${at}`);
    if (bytes[at] !== 0xff) throw new Ga461Error('jpeg-malformed', `no marker at byte ${at}`);
    // Fill bytes: any number of 0xFF may precede a marker.
    let markerAt = at;
    while (bytes[markerAt + 1] === 0xff && markerAt + 2 < bytes.length) markerAt += 1;
    const marker = bytes[markerAt + 1]!;
    const length = u16(bytes, markerAt + 2);
    const end = markerAt + 2 + length;
    if (length < 2 || end > bytes.length) throw new Ga461Error('jpeg-malformed', `segment 0xFF${marker.toString(16)} at byte ${markerAt} runs past the end`);
    segments.push({ marker, start: at, end });
    if (marker === SOS) return segments;
    at = end;
  }
}

function isJfif(bytes: Uint8Array, segment: Segment): boolean {
  return segment.marker === APP0 && segment.end - segment.start >= 18 && JFIF_ID.every((b, i) => bytes[segment.start + 4 + i] === b);
}

export function readJpegInfo(bytes: Uint8Array): JpegInfo {
  const segments = headerSegments(bytes);
  const frame = segments.find((s) => SOF_MARKERS.has(s.marker));
  if (!frame) throw new Ga461Error('jpeg-malformed', 'no frame header (SOF) before the scan');
  const first = segments[0]!;
  const jfif = isJfif(bytes, first)
    ? { units: bytes[first.start + 11]!, x: u16(bytes, first.start + 12), y: u16(bytes, first.start + 14) }
    : undefined;
  const p = frame.start + 4;
  return { precision: bytes[p]!, height: u16(bytes, p + 1), width: u16(bytes, p + 3), components: bytes[p + 5]!, ...(jfif ? { jfif } : {}) };
}

function jfifSegment(dpi: number): Uint8Array {
  return Uint8Array.from([0xff, APP0, 0x00, 0x10, ...JFIF_ID, 0x01, 0x02, 0x01, dpi >> 8, dpi & 0xff, dpi >> 8, dpi & 0xff, 0x00, 0x00]);
}

/**
 * The same JPEG stating `dpi` dots per inch: the JFIF APP0 right after SOI is patched in place
 * (units and densities; its version and any thumbnail kept); without one, a JFIF APP0 is inserted
 * after SOI and any JFIF APP0 further down (not allowed there) is dropped.
 */
export function withJfifDpi(bytes: Uint8Array, dpi: number): Uint8Array {
  if (!Number.isInteger(dpi) || dpi < 1 || dpi > 0xffff) throw new RangeError(`dpi ${dpi} does not fit a JFIF density`);
  const segments = headerSegments(bytes);
  const first = segments[0]!;
  if (isJfif(bytes, first)) {
    const out = bytes.slice();
    out[first.start + 11] = 1;
    out[first.start + 12] = dpi >> 8;
    out[first.start + 13] = dpi & 0xff;
    out[first.start + 14] = dpi >> 8;
    out[first.start + 15] = dpi & 0xff;
    return out;
  }
  const dropped = segments.filter((s) => isJfif(bytes, s));
  const parts: Uint8Array[] = [bytes.subarray(0, 2), jfifSegment(dpi)];
  let at = 2;
  for (const segment of dropped) {
    parts.push(bytes.subarray(at, segment.start));
    at = segment.end;
  }
  parts.push(bytes.subarray(at));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
