import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  decodeFrameOrThrow,
  encodeCommand,
  encodeFailure,
  encodeFrame,
  encodeSuccess,
  type Frame,
  FrameDecodeError,
  toHex,
} from '../../../drivers/certificate-unit/codec';
import { FrameScanner, type ScanEvent } from '../../../drivers/certificate-unit/frame-scanner';
import { bytes } from './rig';

const ascii = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const data = fc.uint8Array({ maxLength: 64 });
const byte = fc.integer({ min: 0, max: 255 });
const addr = fc.integer({ min: 0, max: 15 });

const frameArb: fc.Arbitrary<Frame> = fc.oneof(
  fc.record({ kind: fc.constant('command' as const), addr, cm: byte, pm: byte, data }),
  fc.record({
    kind: fc.constant('success' as const),
    addr,
    cm: byte,
    pm: byte,
    status: fc.tuple(ascii, ascii, ascii),
    data,
  }),
  fc.record({
    kind: fc.constant('failure' as const),
    addr,
    cm: byte,
    pm: byte,
    code: fc.tuple(ascii, ascii).map(([a, b]) => a + b),
    data,
    marker: fc.constantFrom('N' as const, 'E' as const),
  }),
);

function framesOf(events: readonly ScanEvent[]): Uint8Array[] {
  return events.flatMap((e) => (e.kind === 'frame' ? [e.bytes] : []));
}

describe('certificate unit codec: contract examples', () => {
  it.each([
    ['status', 0x31, 0x30, 'F2 00 00 03 43 31 30 03 B0'],
    ['status with sensors', 0x31, 0x31, 'F2 00 00 03 43 31 31 03 B1'],
    ['INIT leave the card', 0x30, 0x33, 'F2 00 00 03 43 30 33 03 B2'],
    ['move to RF', 0x32, 0x32, 'F2 00 00 03 43 32 32 03 B1'],
    ['capture', 0x32, 0x33, 'F2 00 00 03 43 32 33 03 B0'],
    ['eject', 0x32, 0x39, 'F2 00 00 03 43 32 39 03 BA'],
  ])('%s encodes as in the contract', (_name, cm, pm, expected) => {
    expect(toHex(encodeCommand(0, cm, pm))).toBe(expected);
    expect(decodeFrameOrThrow(bytes(expected))).toEqual({ kind: 'command', addr: 0, cm, pm, data: new Uint8Array() });
  });

  it('encodes replies with status bytes and error codes, and accepts E for N', () => {
    expect(toHex(encodeSuccess(1, 0xa5, 0x30, ['0', '2', '0'], bytes('30 31 32')))).toBe(
      'F2 01 00 09 50 A5 30 30 32 30 30 31 32 03 3D',
    );
    const n = encodeFailure(0, 0x32, 0x39, '10');
    expect(toHex(n)).toBe('F2 00 00 05 4E 32 39 31 30 03 B0');
    const e = encodeFailure(0, 0x32, 0x39, '10', new Uint8Array(), 'E');
    expect(decodeFrameOrThrow(e)).toMatchObject({ kind: 'failure', code: '10', marker: 'E' });
  });

  it('gives typed decode errors', () => {
    const good = encodeCommand(0, 0x31, 0x30);
    const badBcc = Uint8Array.from(good);
    badBcc[8] = 0x00;
    const cases: Array<[Uint8Array, string]> = [
      [badBcc, 'bad-bcc'],
      [bytes('F2 00 00 02 43 31 03 81'), 'bad-length'],
      [good.subarray(0, 6), 'truncated'],
      [Uint8Array.from([...good, 0x00]), 'bad-length'],
      [bytes('F2 00 00 03 51 31 30 03 A2'), 'unknown-type'],
      [bytes('F2 10 00 03 43 31 30 03 A0'), 'bad-address'],
      [bytes('F3 00 00 03 43 31 30 03 B1'), 'bad-stx'],
      [bytes('F2 00 00 03 43 31 30 04 B7'), 'bad-etx'],
    ];
    for (const [input, code] of cases) {
      const result = decodeFrame(input);
      expect(result.ok ? 'ok' : result.error.code, toHex(input)).toBe(code);
    }
  });
});

describe('certificate unit codec: properties', () => {
  it('round-trips every frame', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        const encoded = encodeFrame(frame);
        const decoded = decodeFrame(encoded);
        expect(decoded).toEqual({ ok: true, frame });
        expect(encoded.length).toBe(((encoded[2]! << 8) | encoded[3]!) + 6);
        expect(encoded.reduce((a, b) => a ^ b, 0)).toBe(0);
      }),
    );
  });

  it('random bytes never throw anything but a typed error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (input) => {
        const result = decodeFrame(input);
        if (!result.ok) expect(result.error).toBeInstanceOf(FrameDecodeError);
        try {
          decodeFrameOrThrow(input);
        } catch (error) {
          expect(error).toBeInstanceOf(FrameDecodeError);
        }
        expect(() => new FrameScanner().push(input)).not.toThrow();
      }),
    );
  });

  it('finds a valid frame after arbitrary garbage, however the stream is chunked', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80 }),
        frameArb,
        fc.array(fc.integer({ min: 1, max: 16 }), { minLength: 1, maxLength: 40 }),
        (garbage, frame, cuts) => {
          const encoded = encodeFrame(frame);
          const stream = Uint8Array.from([...garbage, ...encoded]);
          const scanner = new FrameScanner();
          const events: ScanEvent[] = [];
          let at = 0;
          for (let i = 0; at < stream.length; i++) {
            const size = cuts[i % cuts.length]!;
            events.push(...scanner.push(stream.subarray(at, at + size)));
            at += size;
          }
          const found = framesOf(events);
          expect(found.length).toBeGreaterThan(0);
          expect(Array.from(found.at(-1)!)).toEqual(Array.from(encoded));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the scanner returns the same frames for any chunking of a stream of frames and noise', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(frameArb.map(encodeFrame), fc.uint8Array({ maxLength: 6 }).filter((u) => !u.includes(0xf2)))),
        fc.integer({ min: 1, max: 7 }),
        (parts, chunk) => {
          const stream = Uint8Array.from(parts.flatMap((p) => [...p]));
          const whole = framesOf(new FrameScanner().push(stream)).map((f) => toHex(f));
          const scanner = new FrameScanner();
          const pieces: string[] = [];
          for (let at = 0; at < stream.length; at += chunk) {
            pieces.push(...framesOf(scanner.push(stream.subarray(at, at + chunk))).map((f) => toHex(f)));
          }
          expect(pieces).toEqual(whole);
        },
      ),
    );
  });
});
