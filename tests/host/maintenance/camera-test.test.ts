/**
 * The camera test on the maintenance desk's device page: the screen sends the figures of one frame
 * from its camera; the host judges it as the self-test does (a picture passes, a black or flat
 * one is a covered lens, none is no picture), shows the result and records a `camera-test` audit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, delivered, enter, officer, start, stopHosts } from './maintenance-harness';

afterEach(stopHosts);

describe('camera test on the maintenance desk', () => {
  it('judges the screen frame, shows it, and records each test', async () => {
    const h = await start();
    await enter(h);
    expect(await act(h, { action: 'camera-test', frame: { taken: true, width: 640, height: 480, meanLuma: 0.4, spread: 0 } })).toMatchObject({
      messageKey: 'maintenance.camera.covered',
      messageTone: 'problem',
      cameraTest: { result: 'failed', frame: { width: 640, height: 480, meanLuma: 0, covered: true } },
    });
    expect(await delivered(h, 'audit', 'camera-test')).toMatchObject({ staffId: officer.staffId, result: 'failed', covered: true, width: 640 });

    expect(await act(h, { action: 'camera-test', frame: { taken: false, condition: 'offline', detail: 'NotFoundError: Requested device not found' } })).toMatchObject({
      messageKey: 'maintenance.camera.noFrame',
      cameraTest: { result: 'failed', frame: null },
    });

    expect(await act(h, { action: 'camera-test', frame: { taken: true, width: 1280, height: 720, meanLuma: 121.2, spread: 200 } })).toMatchObject({
      messageKey: 'maintenance.camera.passed',
      messageTone: 'ok',
      cameraTest: { result: 'passed', frame: { width: 1280, height: 720, meanLuma: 121, covered: false } },
    });
    await expect.poll(() => h.central!.store.records('GD-GZ-0001').filter((r) => r.body.includes('"camera-test"')).length, { timeout: 10_000 }).toBe(3);
  });

  it('refuses a frame that is not in the contract (figures out of range)', async () => {
    const h = await start();
    await enter(h);
    await expect(act(h, { action: 'camera-test', frame: { taken: true, width: 640, height: 480, meanLuma: 300, spread: 0 } } as never)).rejects.toThrow();
  });
});
