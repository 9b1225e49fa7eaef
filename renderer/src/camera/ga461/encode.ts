/**
 * The GA 461 file: JPEG, 358x441, 3 components of 8 bits (24-bit colour), 350 dpi, 14-20 KB. The
 * encoder is injected (canvas toBlob in the renderer, jpeg-js in Node); its quality (0..1) is
 * searched by bisection, a bounded number of tries, for a size inside the band.
 */
import { Ga461Error } from './errors';
import { readJpegInfo, withJfifDpi } from './jpeg-segments';
import { GA461 } from './rules';
import type { RgbaImage } from './types';

/** Encodes RGBA pixels to a JPEG at `quality` in 0..1. */
export type JpegEncoder = (image: RgbaImage, quality: number) => Promise<Uint8Array> | Uint8Array;

export interface Ga461Jpeg {
  readonly jpeg: Uint8Array;
  readonly quality: number;
  /** Encodings it took to land in the size band. */
  readonly tries: number;
}

export interface EncodeOptions {
  readonly maxTries?: number;
  readonly minBytes?: number;
  readonly maxBytes?: number;
}

const LOWEST_QUALITY = 0.3;
const HIGHEST_QUALITY = 1;
const QUALITY_STEPS = 100;

export async function encodeGa461Jpeg(photo: RgbaImage, encode: JpegEncoder, options: EncodeOptions = {}): Promise<Ga461Jpeg> {
  const maxTries = options.maxTries ?? 8;
  const minBytes = options.minBytes ?? GA461.minBytes;
  const maxBytes = options.maxBytes ?? GA461.maxBytes;
  if (photo.width !== GA461.width || photo.height !== GA461.height) {
    throw new Ga461Error('bad-frame', `a GA 461 photo is ${GA461.width}x${GA461.height}, not ${photo.width}x${photo.height}`);
  }
  const target = (minBytes + maxBytes) / 2;
  let low = LOWEST_QUALITY;
  let high = HIGHEST_QUALITY;
  const seen: string[] = [];
  for (let tries = 1; tries <= maxTries; tries += 1) {
    // Start where the band usually is; later tries halve the interval left, on the 1/100 grid
    // encoders quantise quality to (libjpeg's 1-100), so no try repeats an encoding.
    const quality = tries === 1 ? 0.8 : Math.round(((low + high) / 2) * QUALITY_STEPS) / QUALITY_STEPS;
    if (tries > 1 && (quality <= low || quality >= high)) break;
    const jpeg = withJfifDpi(await encode(photo, quality), GA461.dpi);
    const info = readJpegInfo(jpeg);
    if (info.width !== GA461.width || info.height !== GA461.height || info.components !== 3 || info.precision !== 8) {
      throw new Ga461Error('jpeg-format', `the encoder made ${info.width}x${info.height}, ${info.components} components of ${info.precision} bits`);
    }
    seen.push(`q${quality.toFixed(3)}=${jpeg.length}`);
    if (jpeg.length >= minBytes && jpeg.length <= maxBytes) return { jpeg, quality, tries };
    if (jpeg.length < target) low = quality;
    else high = quality;
  }
  throw new Ga461Error('jpeg-size', `no JPEG quality gives ${minBytes}-${maxBytes} bytes (tried ${seen.join(', ')})`);
}
