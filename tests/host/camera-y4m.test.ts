/**
 * The y4m writer Chromium's fake camera reads: header, frame markers, 4:2:0 planes in BT.601
 * limited range, checked byte by byte on frames of known colours; and the file appears whole.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeY4m } from '../../simulators/camera/y4m';

const solid = (width: number, height: number, [r, g, b]: readonly [number, number, number]) => {
  const frame = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) frame.set([r, g, b], i * 3);
  return frame;
};

describe('writeY4m', () => {
  it('writes the header, one FRAME marker and Y, U, V planes per frame, in BT.601 limited range', () => {
    const dir = mkdtempSync(join(tmpdir(), 'y4m-'));
    const file = join(dir, 'test.y4m');
    const result = writeY4m(file, { width: 4, height: 2, fps: 15, frames: [solid(4, 2, [255, 255, 255]), solid(4, 2, [0, 0, 0]), solid(4, 2, [255, 0, 0])] });
    const bytes = readFileSync(file);
    const header = 'YUV4MPEG2 W4 H2 F15:1 Ip A1:1 C420jpeg\n';
    expect(bytes.subarray(0, header.length).toString('ascii')).toBe(header);
    const frameSize = 'FRAME\n'.length + 4 * 2 + 2 * (2 * 1);
    expect(bytes.length).toBe(header.length + 3 * frameSize);
    expect(result).toEqual({ frames: 3, bytes: bytes.length });
    const planes = (n: number) => {
      const at = header.length + n * frameSize;
      expect(bytes.subarray(at, at + 6).toString('ascii')).toBe('FRAME\n');
      return { y: [...bytes.subarray(at + 6, at + 14)], u: [...bytes.subarray(at + 14, at + 16)], v: [...bytes.subarray(at + 16, at + 18)] };
    };
    expect(planes(0)).toEqual({ y: Array(8).fill(235), u: [128, 128], v: [128, 128] });
    expect(planes(1)).toEqual({ y: Array(8).fill(16), u: [128, 128], v: [128, 128] });
    expect(planes(2)).toEqual({ y: Array(8).fill(82), u: [90, 90], v: [240, 240] });
    // Written beside and renamed: nothing half-written is left.
    expect(readdirSync(dir)).toEqual(['test.y4m']);
  });

  it('refuses odd sizes, a wrong frame length and an empty video, and leaves no file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'y4m-'));
    const file = join(dir, 'bad.y4m');
    expect(() => writeY4m(file, { width: 3, height: 2, fps: 15, frames: [] })).toThrow(RangeError);
    expect(() => writeY4m(file, { width: 4, height: 2, fps: 15, frames: [new Uint8Array(5)] })).toThrow(/frame 0 has 5 bytes/);
    expect(() => writeY4m(file, { width: 4, height: 2, fps: 15, frames: [] })).toThrow(/at least one frame/);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
