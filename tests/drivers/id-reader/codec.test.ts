import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCommand, encodeResponse, FrameScanner, parseResponse, scanFrames, toHex } from '../../../drivers/id-reader/codec';
import { Command } from '../../../drivers/id-reader/commands';

describe('GA 467 codec', () => {
  it('encodes every command exactly as the contract lists it', () => {
    const expected: Record<keyof typeof Command, string> = {
      resetSam: 'AA AA AA 96 69 00 03 10 FF EC',
      samStatus: 'AA AA AA 96 69 00 03 11 FF ED',
      readSamId: 'AA AA AA 96 69 00 03 12 FF EE',
      findCard: 'AA AA AA 96 69 00 03 20 01 22',
      selectCard: 'AA AA AA 96 69 00 03 20 02 21',
      readTextPhoto: 'AA AA AA 96 69 00 03 30 01 32',
      readAppendedAddress: 'AA AA AA 96 69 00 03 30 03 30',
      readTextPhotoFingerprint: 'AA AA AA 96 69 00 03 30 10 23',
    };
    for (const [name, [cmd, para]] of Object.entries(Command)) {
      expect(toHex(encodeCommand(cmd, para)), name).toBe(expected[name as keyof typeof Command]);
    }
  });

  it('encodes the typical responses of the contract', () => {
    expect(toHex(encodeResponse(0x9f, new Uint8Array(4)))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(toHex(encodeResponse(0x80))).toBe('AA AA AA 96 69 00 04 00 00 80 84');
    expect(toHex(encodeResponse(0x81))).toBe('AA AA AA 96 69 00 04 00 00 81 85');
    expect(toHex(encodeResponse(0x41))).toBe('AA AA AA 96 69 00 04 00 00 41 45');
  });

  it('finds a frame split at every possible point', () => {
    const frame = encodeResponse(0x90, Uint8Array.of(1, 2, 3));
    for (let cut = 0; cut <= frame.length; cut++) {
      const scanner = new FrameScanner();
      const first = scanner.push(frame.subarray(0, cut));
      const second = scanner.push(frame.subarray(cut));
      const frames = [...first.frames, ...second.frames];
      expect(frames).toHaveLength(1);
      expect(parseResponse(frames[0]!)?.sw3).toBe(0x90);
    }
  });

  it('reports a bad checksum and still finds the next good frame', () => {
    const bad = encodeResponse(0x90);
    bad[bad.length - 1]! ^= 0x01;
    const good = encodeResponse(0x80);
    const result = scanFrames(Uint8Array.from([...bad, ...good]));
    expect(result.errors.map((e) => e.code)).toContain('bad-checksum');
    expect(result.frames.map((body) => parseResponse(body)?.sw3)).toEqual([0x80]);
  });

  it('property: a valid frame after arbitrary garbage is found, and scanning never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 64 }), (garbage, data) => {
        const frame = encodeResponse(0x90, data);
        const result = scanFrames(Uint8Array.from([...garbage, ...frame]));
        const last = result.frames.at(-1);
        expect(last && toHex(last)).toBe(toHex(Uint8Array.from([0, 0, 0x90, ...data])));
      }),
    );
  });

  it('property: random bytes yield frames or typed errors, never an exception', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), (chunks) => {
        const scanner = new FrameScanner();
        for (const chunk of chunks) {
          const result = scanner.push(chunk);
          for (const error of result.errors) expect(['bad-checksum', 'bad-length', 'noise']).toContain(error.code);
        }
      }),
    );
  });
});
