import { describe, expect, it } from 'vitest';
import { nextQuietStart, dailyRestartFromEnv, scheduleDailyRestart } from '../../main/shell/daily-restart';
import { createHeartbeatWatchdog } from '../../main/shell/heartbeat-watchdog';
import { createWindowRecovery, DEFAULT_RECOVERY_POLICY, type RecoveryActions } from '../../main/shell/window-recovery';
import { childProcessKind, HOST_SERVICE_NAME } from '../../main/shell/child-process';
import { ManualClock } from '../support/manual-clock';
import { recordingLog } from './fake-electron';
import { CHROMIUM_UTILITY_SERVICES, forkedUtilityGone, utilityServiceGone } from './fake-utility-process';

function ladder(clock = new ManualClock(1_000_000)) {
  const done: string[] = [];
  const actions: RecoveryActions = {
    reload: () => done.push('reload'),
    restartHungRenderer: () => done.push('restart-hung'),
    relaunch: () => done.push('relaunch'),
  };
  const log = recordingLog();
  const recovery = createWindowRecovery(actions, clock, log);
  return { clock, done, log, recovery };
}

const crash = { reason: 'crashed', exitCode: 139 };

describe('window recovery', () => {
  it('reloads after the renderer process is gone, and logs it', () => {
    const { done, log, recovery } = ladder();
    recovery.renderProcessGone(crash);
    expect(done).toEqual(['reload']);
    expect(log.lines[0]).toMatchObject({ level: 'warn', message: 'kiosk window failed; reloading', details: { cause: 'render-process-gone', reason: 'crashed' } });
  });

  it('relaunches the window with a growing pause when reloads keep failing', () => {
    const { clock, done, log, recovery } = ladder();
    for (let i = 0; i < DEFAULT_RECOVERY_POLICY.maxReloads; i++) recovery.renderProcessGone(crash);
    expect(done).toEqual(['reload', 'reload', 'reload']);
    recovery.renderProcessGone(crash);
    expect(done).toHaveLength(3);
    expect(log.messages('error')).toEqual(['kiosk window keeps failing; relaunching it after a pause']);
    clock.advance(DEFAULT_RECOVERY_POLICY.relaunchBackoff.initialMs - 1);
    expect(done).toHaveLength(3);
    clock.advance(1);
    expect(done.at(-1)).toBe('relaunch');

    // The relaunched window fails the same way: reloads first, then a pause twice as long.
    for (let i = 0; i < 4; i++) recovery.renderProcessGone(crash);
    expect(done.filter((d) => d === 'relaunch')).toHaveLength(1);
    clock.advance(DEFAULT_RECOVERY_POLICY.relaunchBackoff.initialMs);
    expect(done.filter((d) => d === 'relaunch')).toHaveLength(1);
    clock.advance(DEFAULT_RECOVERY_POLICY.relaunchBackoff.initialMs);
    expect(done.filter((d) => d === 'relaunch')).toHaveLength(2);
  });

  it('failures spread over time are each answered with a reload', () => {
    const { clock, done, recovery } = ladder();
    for (let i = 0; i < 10; i++) {
      recovery.renderProcessGone(crash);
      clock.advance(DEFAULT_RECOVERY_POLICY.windowMs);
    }
    expect(done).toEqual(Array(10).fill('reload'));
  });

  it('caps the relaunch pause and starts afresh after a long healthy spell', () => {
    const { clock, done, log, recovery } = ladder();
    const failBurst = () => {
      for (let i = 0; i <= DEFAULT_RECOVERY_POLICY.maxReloads; i++) recovery.renderProcessGone(crash);
    };
    for (let round = 0; round < 12; round++) {
      failBurst();
      clock.advance(DEFAULT_RECOVERY_POLICY.relaunchBackoff.maxMs);
    }
    const pauses = log.lines.filter((line) => line.level === 'error').map((line) => (line.details as { relaunchInMs: number }).relaunchInMs);
    expect(Math.max(...pauses)).toBe(DEFAULT_RECOVERY_POLICY.relaunchBackoff.maxMs);
    expect(done.filter((d) => d === 'relaunch')).toHaveLength(12);
    clock.advance(DEFAULT_RECOVERY_POLICY.backoffResetMs + 1);
    failBurst();
    expect((log.lines.at(-1)!.details as { relaunchInMs: number }).relaunchInMs).toBe(DEFAULT_RECOVERY_POLICY.relaunchBackoff.initialMs);
  });

  it('restarts a page that stays unresponsive past the grace time, and ignores the kill it caused', () => {
    const { clock, done, recovery } = ladder();
    recovery.unresponsive();
    recovery.unresponsive();
    clock.advance(DEFAULT_RECOVERY_POLICY.unresponsiveGraceMs - 1);
    expect(done).toEqual([]);
    clock.advance(1);
    expect(done).toEqual(['restart-hung']);
    recovery.renderProcessGone({ reason: 'killed' });
    expect(done).toEqual(['restart-hung']);
    // A later, real crash is a new failure.
    clock.advance(60_000);
    recovery.renderProcessGone(crash);
    expect(done).toEqual(['restart-hung', 'reload']);
  });

  it('leaves a page alone that becomes responsive again within the grace time', () => {
    const { clock, done, log, recovery } = ladder();
    recovery.unresponsive();
    clock.advance(5_000);
    recovery.responsive();
    clock.advance(60_000);
    expect(done).toEqual([]);
    expect(log.messages('info')).toContain('kiosk page responsive again');
  });

  it('reloads after a GPU process crash, but leaves the host utility process to its own supervisor', () => {
    const { done, log, recovery } = ladder();
    recovery.childProcessGone({ type: 'GPU', reason: 'crashed', exitCode: 1 });
    expect(done).toEqual(['reload']);
    recovery.childProcessGone(forkedUtilityGone(HOST_SERVICE_NAME));
    recovery.childProcessGone({ type: 'GPU', reason: 'clean-exit' });
    expect(done).toEqual(['reload']);
    expect(log.messages('info')).toContain('host process gone; its supervisor restarts it');
  });

  it('tells the camera service from the host although both are "Utility": the camera gets the page reloaded', () => {
    const { done, log, recovery } = ladder();
    recovery.childProcessGone(utilityServiceGone(CHROMIUM_UTILITY_SERVICES.videoCapture));
    expect(done).toEqual(['reload']);
    expect(log.lines[0]).toMatchObject({ level: 'warn', details: { cause: 'camera-service-gone', serviceName: 'video_capture.mojom.VideoCaptureService' } });
  });

  it('logs a dead network or audio service without reloading (Chromium restarts them; the page needs neither)', () => {
    const { done, log, recovery } = ladder();
    recovery.childProcessGone(utilityServiceGone(CHROMIUM_UTILITY_SERVICES.network));
    recovery.childProcessGone(utilityServiceGone(CHROMIUM_UTILITY_SERVICES.audio, 'killed'));
    expect(done).toEqual([]);
    expect(log.messages('warn')).toEqual(['network service gone; Chromium restarts it', 'audio service gone; Chromium restarts it when needed']);
  });

  it('does not take another Node utility process for the host', () => {
    expect(childProcessKind(forkedUtilityGone(HOST_SERVICE_NAME))).toBe('host');
    expect(childProcessKind(forkedUtilityGone(undefined))).toBe('node-utility');
    // A Chromium service whose display name happened to equal ours is still not the host.
    expect(childProcessKind(utilityServiceGone({ serviceName: 'network.mojom.NetworkService', name: HOST_SERVICE_NAME }))).toBe('network-service');
    expect(childProcessKind(utilityServiceGone({ serviceName: 'storage.mojom.StorageService', name: 'Storage Service' }))).toBe('other-utility');
    expect(childProcessKind({ type: 'Zygote', reason: 'crashed' })).toBe('other');
  });

  it('reloads a page that failed to load, but not one the lockdown aborted', () => {
    const { done, recovery } = ladder();
    recovery.loadFailed(-3, 'ERR_ABORTED');
    expect(done).toEqual([]);
    recovery.loadFailed(-6, 'ERR_FILE_NOT_FOUND');
    expect(done).toEqual(['reload']);
  });

  it('does nothing once stopped (shell quitting)', () => {
    const { clock, done, recovery } = ladder();
    for (let i = 0; i <= DEFAULT_RECOVERY_POLICY.maxReloads; i++) recovery.renderProcessGone(crash);
    recovery.stop();
    clock.advance(DEFAULT_RECOVERY_POLICY.relaunchBackoff.maxMs);
    recovery.renderProcessGone(crash);
    expect(done).toEqual(['reload', 'reload', 'reload']);
  });
});

describe('heartbeat watchdog', () => {
  it('reports a page whose heartbeat stopped, once per timeout', () => {
    const clock = new ManualClock();
    const stalls: number[] = [];
    const watchdog = createHeartbeatWatchdog(clock, { timeoutMs: 20_000, checkEveryMs: 5_000 }, (ms) => stalls.push(ms));
    for (let i = 0; i < 20; i++) {
      clock.advance(5_000);
      watchdog.beat();
    }
    expect(stalls).toEqual([]);
    clock.advance(20_000);
    expect(stalls).toEqual([20_000]);
    clock.advance(15_000);
    expect(stalls).toHaveLength(1);
    clock.advance(5_000);
    expect(stalls).toHaveLength(2);
    watchdog.stop();
    clock.advance(100_000);
    expect(stalls).toHaveLength(2);
  });

  it('gives a freshly loaded page a full timeout', () => {
    const clock = new ManualClock();
    const stalls: number[] = [];
    const watchdog = createHeartbeatWatchdog(clock, { timeoutMs: 20_000, checkEveryMs: 5_000 }, (ms) => stalls.push(ms));
    clock.advance(15_000);
    watchdog.restart();
    clock.advance(15_000);
    expect(stalls).toEqual([]);
  });

  it('drives the recovery ladder: a silent page is restarted', () => {
    const { clock, done, recovery } = ladder(new ManualClock());
    createHeartbeatWatchdog(clock, { timeoutMs: 20_000, checkEveryMs: 5_000 }, (ms) => recovery.heartbeatStopped(ms));
    clock.advance(20_000);
    expect(done).toEqual(['restart-hung']);
  });
});

describe('daily restart', () => {
  const at = (day: number, hour: number, minute = 0) => new Date(2025, 5, day, hour, minute).getTime();
  const options = { hour: 4, windowMinutes: 60, retryEveryMs: 60_000 };

  it('plans the next quiet hour strictly after now', () => {
    expect(nextQuietStart(at(1, 3, 59), 4)).toBe(at(1, 4));
    expect(nextQuietStart(at(1, 4), 4)).toBe(at(2, 4));
    expect(nextQuietStart(at(1, 4, 1), 4)).toBe(at(2, 4));
    expect(nextQuietStart(at(1, 23), 4)).toBe(at(2, 4));
  });

  it('reads the hour from the environment', () => {
    expect(dailyRestartFromEnv({})?.hour).toBe(4);
    expect(dailyRestartFromEnv({ TONGBAN_RESTART_HOUR: '2' })?.hour).toBe(2);
    expect(dailyRestartFromEnv({ TONGBAN_RESTART_HOUR: '25' })?.hour).toBe(4);
    expect(dailyRestartFromEnv({ TONGBAN_RESTART_HOUR: 'off' })).toBeNull();
  });

  it('restarts at the quiet hour when the kiosk is idle', async () => {
    const clock = new ManualClock(at(1, 12));
    let restarts = 0;
    scheduleDailyRestart(clock, options, async () => true, () => restarts++, recordingLog());
    await clock.advanceAsync(at(2, 4) - at(1, 12) - 1);
    expect(restarts).toBe(0);
    await clock.advanceAsync(1);
    expect(restarts).toBe(1);
    await clock.advanceAsync(3 * 24 * 3_600_000);
    expect(restarts).toBe(1);
  });

  it('waits while a session is active and restarts once it ends', async () => {
    const clock = new ManualClock(at(1, 12));
    let sessionActive = true;
    let asked = 0;
    let restarts = 0;
    scheduleDailyRestart(clock, options, async () => (asked++, !sessionActive), () => restarts++, recordingLog());
    await clock.advanceAsync(at(2, 4, 10) - at(1, 12));
    expect(asked).toBe(11);
    expect(restarts).toBe(0);
    sessionActive = false;
    await clock.advanceAsync(60_000);
    expect(restarts).toBe(1);
  });

  it('skips a day with no idle moment in the window, and tries again the next day', async () => {
    const clock = new ManualClock(at(1, 12));
    let busy = true;
    let restarts = 0;
    const log = recordingLog();
    scheduleDailyRestart(clock, options, async () => !busy, () => restarts++, log);
    await clock.advanceAsync(at(2, 6) - at(1, 12));
    expect(restarts).toBe(0);
    expect(log.messages('warn')).toEqual(['daily restart skipped: a session was active all through the quiet window']);
    busy = false;
    await clock.advanceAsync(at(2, 12) - at(2, 6));
    expect(restarts).toBe(0);
    await clock.advanceAsync(at(3, 4) - at(2, 12));
    expect(restarts).toBe(1);
  });

  it('treats an unreachable host as busy (it cannot tell), never as idle', async () => {
    const clock = new ManualClock(at(1, 12));
    let restarts = 0;
    scheduleDailyRestart(clock, options, () => Promise.reject(new Error('host down')), () => restarts++, recordingLog());
    await clock.advanceAsync(at(2, 6) - at(1, 12));
    expect(restarts).toBe(0);
  });
});
