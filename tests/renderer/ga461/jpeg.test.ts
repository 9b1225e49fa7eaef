/** The GA 461 file: size band by quality search, 350 dpi in the JFIF header, 24-bit colour, read back by a parser. */
import * as jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { composeGa461, encodeGa461Jpeg, GA461, Ga461Error, type JpegEncoder, readJpegInfo, type RgbaImage, withJfifDpi } from '../../../renderer/src/camera/ga461';
import { decodeJpeg, jpegJsEncoder } from '../../../simulators/camera/ga461-sample';
import { drawFrame, landmarksOf } from './support/drawn-face';

const face = { cx: 320, cy: 250, width: 170 };
const photo = composeGa461(drawFrame({ width: 640, height: 480, faces: [face] }), [landmarksOf(face)]).photo;

function noisePhoto(): RgbaImage {
  const data = new Uint8ClampedArray(GA461.width * GA461.height * 4);
  let seed = 12345;
  for (let i = 0; i < data.length; i += 1) {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    data[i] = i % 4 === 3 ? 255 : (seed >>> 16) & 0xff;
  }
  return { width: GA461.width, height: GA461.height, data };
}

const errorCode = async (run: () => Promise<unknown>): Promise<string> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof Ga461Error) return error.code;
    throw error;
  }
  return 'no error';
};

describe('withJfifDpi and readJpegInfo', () => {
  const plain = new Uint8Array(jpeg.encode({ width: 16, height: 8, data: new Uint8Array(16 * 8 * 4).fill(180) }, 80).data);

  it('patches the JFIF APP0 an encoder wrote (units and densities only, same length)', () => {
    expect(readJpegInfo(plain).jfif).toEqual({ units: 0, x: 1, y: 1 });
    const patched = withJfifDpi(plain, 350);
    expect(patched.length).toBe(plain.length);
    // FF E0, length 16, "JFIF\0", version kept, units 1 (dpi), X and Y density 0x015E, no thumbnail.
    expect([...patched.subarray(2, 20)]).toEqual([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, plain[11], plain[12], 1, 1, 0x5e, 1, 0x5e, 0, 0]);
    expect([...patched.subarray(20)]).toEqual([...plain.subarray(20)]);
    expect(readJpegInfo(patched)).toEqual({ width: 16, height: 8, components: 3, precision: 8, jfif: { units: 1, x: 350, y: 350 } });
  });

  it('inserts a JFIF APP0 right after SOI when there is none, and the file still decodes', () => {
    const app0Length = (plain[4]! << 8) | plain[5]!;
    const bare = new Uint8Array([...plain.subarray(0, 2), ...plain.subarray(4 + app0Length)]);
    expect(readJpegInfo(bare).jfif).toBeUndefined();
    const fixed = withJfifDpi(bare, 350);
    expect(fixed.length).toBe(bare.length + 18);
    expect(readJpegInfo(fixed).jfif).toEqual({ units: 1, x: 350, y: 350 });
    const decoded = jpeg.decode(fixed, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([16, 8]);
  });

  it('moves a JFIF APP0 that sits behind another segment to the front', () => {
    const app0Length = (plain[4]! << 8) | plain[5]!;
    const app0 = plain.subarray(2, 4 + app0Length);
    const comment = [0xff, 0xfe, 0, 6, 0x6b, 0x69, 0x6f, 0x73];
    const late = new Uint8Array([0xff, 0xd8, ...comment, ...app0, ...plain.subarray(4 + app0Length)]);
    const fixed = withJfifDpi(late, 350);
    expect(fixed.length).toBe(late.length);
    expect(readJpegInfo(fixed).jfif).toEqual({ units: 1, x: 350, y: 350 });
    expect([...fixed.subarray(20, 28)]).toEqual(comment);
  });

  it('refuses what is not a JPEG header with a typed error', () => {
    expect(() => readJpegInfo(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(Ga461Error);
    expect(() => readJpegInfo(plain.subarray(0, 40))).toThrow(/ends inside its header|runs past the end/);
    const broken = plain.slice();
    broken[20] = 0x12;
    expect(() => withJfifDpi(broken, 350)).toThrow(/no marker at byte 20/);
  });
});

describe('encodeGa461Jpeg', () => {
  it('lands a composed photo in 14-20 KB: 358x441, 3 components of 8 bits, 350 dpi', async () => {
    let calls = 0;
    const counting: JpegEncoder = (image, quality) => {
      calls += 1;
      return jpegJsEncoder(image, quality);
    };
    const result = await encodeGa461Jpeg(photo, counting);
    expect(result.jpeg.length).toBeGreaterThanOrEqual(14 * 1024);
    expect(result.jpeg.length).toBeLessThanOrEqual(20_000);
    expect(result.tries).toBe(calls);
    expect(result.tries).toBeLessThanOrEqual(8);
    expect(readJpegInfo(result.jpeg)).toEqual({ width: 358, height: 441, components: 3, precision: 8, jfif: { units: 1, x: 350, y: 350 } });
    const decoded = decodeJpeg(result.jpeg);
    expect([decoded.width, decoded.height]).toEqual([358, 441]);
  });

  it('searches the quality both ways: a band above what 0.8 gives is reached by raising it', async () => {
    const high = await encodeGa461Jpeg(photo, jpegJsEncoder, { minBytes: 26_000, maxBytes: 30_000 });
    expect(high.quality).toBeGreaterThan(0.8);
    expect(high.jpeg.length).toBeGreaterThanOrEqual(26_000);
    const low = await encodeGa461Jpeg(photo, jpegJsEncoder, { minBytes: 9_000, maxBytes: 10_500 });
    expect(low.quality).toBeLessThan(0.8);
    expect(low.jpeg.length).toBeLessThanOrEqual(10_500);
  });

  it('gives up with `jpeg-size` within the bounded tries when no quality fits (noise never gets under 20 KB)', async () => {
    const qualities: number[] = [];
    const code = await errorCode(() =>
      encodeGa461Jpeg(noisePhoto(), (image, quality) => {
        qualities.push(quality);
        return jpegJsEncoder(image, quality);
      }),
    );
    expect(code).toBe('jpeg-size');
    expect(qualities.length).toBeLessThanOrEqual(8);
    // It went all the way down before giving up.
    expect(Math.min(...qualities)).toBeLessThanOrEqual(0.31);
  });

  it('stops early when no quality step is left between too small and too large', async () => {
    // An encoder whose size jumps from 10 KB to 30 KB between two adjacent quality steps.
    const qualities: number[] = [];
    const jumpy: JpegEncoder = async (image, quality) => {
      qualities.push(quality);
      const real = await jpegJsEncoder(image, 0.5);
      const size = quality < 0.87 ? 10_000 : 30_000;
      // The real header and scan, then filler after EOI up to the size (decoders stop at EOI).
      const out = new Uint8Array(size);
      out.set(real.subarray(0, Math.min(real.length, size)));
      return out;
    };
    expect(await errorCode(() => encodeGa461Jpeg(photo, jumpy))).toBe('jpeg-size');
    expect(qualities.length).toBeLessThan(8);
    expect(new Set(qualities.map((q) => Math.round(q * 100))).size).toBe(qualities.length);
    expect(qualities).toContain(0.86);
    expect(qualities).toContain(0.87);
  });

  it('refuses an encoder that makes the wrong picture (`jpeg-format`) and a photo of the wrong size (`bad-frame`)', async () => {
    const halfSize: JpegEncoder = (image, quality) => jpegJsEncoder({ width: 179, height: 441, data: image.data.subarray(0, 179 * 441 * 4) }, quality);
    expect(await errorCode(() => encodeGa461Jpeg(photo, halfSize))).toBe('jpeg-format');
    const small = drawFrame({ width: 100, height: 100, faces: [] });
    expect(await errorCode(() => encodeGa461Jpeg(small, jpegJsEncoder))).toBe('bad-frame');
  });
});
