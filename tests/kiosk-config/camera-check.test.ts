/**
 * The self-test's camera check: the first-boot screen's frame judged on the host (a picture passes,
 * a black or flat one is a covered lens, no frame says why), and the command line's V4L2 look,
 * which never says "passed" since it takes no frame.
 */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeFrame, v4l2NodeCheck } from '../../kiosk-config/provision/camera-check';

describe('the screen frame judged', () => {
  it('passes a lit picture with detail, with its size and light in the report', () => {
    expect(judgeFrame({ taken: true, width: 640, height: 480, meanLuma: 131.6, spread: 180 })).toMatchObject({
      result: 'passed',
      covered: false,
      width: 640,
      height: 480,
      meanLuma: 132,
      spread: 180,
    });
  });

  it.each([
    ['black', { meanLuma: 2, spread: 3 }],
    ['one grey colour', { meanLuma: 120, spread: 4 }],
    ['dark but uniform', { meanLuma: 7.9, spread: 60 }],
  ])('fails a %s picture as a covered lens', (_, light) => {
    const report = judgeFrame({ taken: true, width: 320, height: 240, ...light });
    expect(report).toMatchObject({ result: 'failed', covered: true, width: 320 });
    expect(report.detail).toMatch(/covered/);
  });

  it('fails when the screen got no frame, saying why', () => {
    expect(judgeFrame({ taken: false, condition: 'offline', detail: 'NotFoundError: Requested device not found' })).toMatchObject({
      result: 'failed',
      condition: 'offline',
      detail: expect.stringContaining('NotFoundError'),
    });
  });
});

describe('the command line: V4L2 nodes only', () => {
  it('no node: not tested, and says where the camera is tested', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-'));
    writeFileSync(join(dir, 'ttyUSB0'), '');
    const report = await v4l2NodeCheck(dir);
    expect(report).toMatchObject({ result: 'not-tested', nodes: [] });
    expect(report.detail).toContain('first-boot screen');
  });

  it('nodes that open: still not tested (opening takes no frame), with the nodes listed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-'));
    writeFileSync(join(dir, 'video0'), '');
    writeFileSync(join(dir, 'video1'), '');
    writeFileSync(join(dir, 'videodev'), '');
    const report = await v4l2NodeCheck(dir);
    expect(report.result).toBe('not-tested');
    expect(report.nodes).toEqual([
      { path: join(dir, 'video0'), opens: true },
      { path: join(dir, 'video1'), opens: true },
    ]);
  });

  it('a node that does not open fails, with the error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-'));
    symlinkSync(join(dir, 'gone'), join(dir, 'video0'));
    const report = await v4l2NodeCheck(dir);
    expect(report).toMatchObject({ result: 'failed', nodes: [{ path: join(dir, 'video0'), opens: false, error: 'ENOENT' }] });
  });
});
