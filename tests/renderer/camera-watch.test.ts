/**
 * The page's watch over the camera between citizens (camera-status.ts watchCamera): checks at
 * start, on plug events, and periodically only while the kiosk is idle; one check at a time; every
 * finding reported. The check itself (probeCamera) runs in Chromium in tests/e2e/camera.e2e.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CameraCondition } from '../../main/api/camera-contract';
import { type CameraFinding, watchCamera } from '../../renderer/src/camera/camera-status';

const EVERY_MS = 30_000;

/** A camera check the test answers by hand. */
function scriptedProbe() {
  const pending: Array<(finding: CameraFinding) => void> = [];
  return {
    probe: () => new Promise<CameraFinding>((resolve) => pending.push(resolve)),
    get calls() {
      return pending.length;
    },
    answer: async (index: number, condition: CameraCondition) => {
      pending[index]!(({ condition, detail: condition === 'online' ? '640x480' : 'gone' }));
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

/** A watch with a scripted check and its own plug events; what it reported. */
function watching(isIdle: () => boolean) {
  const checks = scriptedProbe();
  const devices = new EventTarget();
  const reports: CameraCondition[] = [];
  const stop = watchCamera((condition) => reports.push(condition), { isIdle, probe: checks.probe, idleCheckMs: EVERY_MS, devices });
  return { checks, devices, reports, stop };
}

describe('watchCamera', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks at start and every period while idle, and reports what each check found: a camera that dies while idle is noticed', async () => {
    const { checks, reports, stop } = watching(() => true);
    expect(checks.calls).toBe(1);
    await checks.answer(0, 'online');
    await vi.advanceTimersByTimeAsync(EVERY_MS - 1);
    expect(checks.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(checks.calls).toBe(2);
    await checks.answer(1, 'no-frames');
    await vi.advanceTimersByTimeAsync(EVERY_MS);
    await checks.answer(2, 'offline');
    await vi.advanceTimersByTimeAsync(EVERY_MS);
    await checks.answer(3, 'online');
    expect(reports).toEqual(['online', 'no-frames', 'offline', 'online']);
    stop();
  });

  it('leaves the camera alone while a citizen is served (the camera step reports then)', async () => {
    let idle = false;
    const { checks, stop } = watching(() => idle);
    await checks.answer(0, 'online');
    await vi.advanceTimersByTimeAsync(EVERY_MS * 5);
    expect(checks.calls).toBe(1);
    idle = true;
    await vi.advanceTimersByTimeAsync(EVERY_MS);
    expect(checks.calls).toBe(2);
    stop();
  });

  it('checks when a camera is plugged in or out; one check at a time, one more after it when a plug event came during it', async () => {
    const { checks, devices, reports, stop } = watching(() => false);
    devices.dispatchEvent(new Event('devicechange'));
    devices.dispatchEvent(new Event('devicechange'));
    expect(checks.calls).toBe(1);
    await checks.answer(0, 'online');
    expect(checks.calls).toBe(2);
    await checks.answer(1, 'offline');
    expect(checks.calls).toBe(2);
    expect(reports).toEqual(['online', 'offline']);
    stop();
  });

  it('after unsubscribing: no more checks, no plug events heard, a check under way is not reported', async () => {
    const { checks, devices, reports, stop } = watching(() => true);
    stop();
    await checks.answer(0, 'online');
    devices.dispatchEvent(new Event('devicechange'));
    await vi.advanceTimersByTimeAsync(EVERY_MS * 3);
    expect(checks.calls).toBe(1);
    expect(reports).toEqual([]);
  });

  it('a check that throws reports the camera offline and the watch goes on', async () => {
    const reports: CameraCondition[] = [];
    let calls = 0;
    const probe = async (): Promise<CameraFinding> => {
      calls++;
      if (calls === 1) throw new Error('getUserMedia blew up');
      return { condition: 'online', detail: '' };
    };
    const stop = watchCamera((condition) => reports.push(condition), { isIdle: () => true, probe, idleCheckMs: EVERY_MS, devices: new EventTarget() });
    await vi.advanceTimersByTimeAsync(EVERY_MS);
    expect(reports).toEqual(['offline', 'online']);
    stop();
  });
});
