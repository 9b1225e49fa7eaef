import type { Clock, TimerHandle } from '../../drivers/common/clock';
import { childProcessKind } from './child-process';
import type { ChildProcessGoneDetails, RenderProcessGoneDetails } from './electron-types';
import type { ShellLog } from './shell-log';

export interface RecoveryActions {
  /** Reload the page in place (a crashed renderer gets a new process on reload). */
  reload(): void;
  /** Reload a hung page: its renderer is killed first, since a hung process cannot reload itself. */
  restartHungRenderer(): void;
  /** Replace the window with a new one: the step after reloads keep failing. */
  relaunch(): void;
}

export interface RecoveryPolicy {
  /** Reloads allowed within `windowMs` before the window is relaunched instead. */
  readonly maxReloads: number;
  readonly windowMs: number;
  /** Time a page may stay unresponsive before it is restarted (Chromium often recovers alone). */
  readonly unresponsiveGraceMs: number;
  readonly relaunchBackoff: { readonly initialMs: number; readonly maxMs: number };
  /** A window that stays healthy this long after a relaunch starts the backoff afresh. */
  readonly backoffResetMs: number;
}

export const DEFAULT_RECOVERY_POLICY: RecoveryPolicy = {
  maxReloads: 3,
  windowMs: 5 * 60_000,
  unresponsiveGraceMs: 10_000,
  relaunchBackoff: { initialMs: 2_000, maxMs: 5 * 60_000 },
  backoffResetMs: 30 * 60_000,
};

export interface WindowRecovery {
  renderProcessGone(details: RenderProcessGoneDetails): void;
  childProcessGone(details: ChildProcessGoneDetails): void;
  unresponsive(): void;
  responsive(): void;
  /** The page did not load (main frame). */
  loadFailed(errorCode: number, description: string): void;
  /** The heartbeat watchdog's verdict: the page stopped talking. */
  heartbeatStopped(silentForMs: number): void;
  /** The window was replaced by other means (or the shell is stopping): forget pending work. */
  stop(): void;
}

/**
 * The recovery ladder of the kiosk window. Every failure is logged; the first few in a short
 * window reload the page, and when reloads keep failing the window is relaunched after a pause
 * that doubles each time, so a page that cannot come up does not spin the CPU. The host runs in
 * its own process throughout, so sessions and the journal survive all of this.
 */
export function createWindowRecovery(actions: RecoveryActions, clock: Clock, log: ShellLog, policy: RecoveryPolicy = DEFAULT_RECOVERY_POLICY): WindowRecovery {
  let failures: number[] = [];
  let backoffMs = policy.relaunchBackoff.initialMs;
  let lastRelaunchAt: number | null = null;
  let relaunchTimer: TimerHandle | null = null;
  let unresponsiveTimer: TimerHandle | null = null;
  // A renderer the ladder killed on purpose reports `render-process-gone`; that is not a new failure.
  let expectingKillUntil = 0;
  const KILL_REPORT_MS = 5_000;
  let stopped = false;

  const relaunchNow = () => {
    relaunchTimer = null;
    if (stopped) return;
    lastRelaunchAt = clock.now();
    failures = [];
    log.warn({ nextBackoffMs: Math.min(backoffMs * 2, policy.relaunchBackoff.maxMs) }, 'kiosk window relaunching');
    backoffMs = Math.min(backoffMs * 2, policy.relaunchBackoff.maxMs);
    actions.relaunch();
  };

  const failure = (cause: string, details: object, act: () => void) => {
    if (stopped) return;
    const now = clock.now();
    if (lastRelaunchAt !== null && now - lastRelaunchAt > policy.backoffResetMs) {
      backoffMs = policy.relaunchBackoff.initialMs;
      lastRelaunchAt = null;
    }
    failures = failures.filter((at) => now - at < policy.windowMs);
    failures.push(now);
    if (relaunchTimer !== null) {
      log.warn({ cause, ...details }, 'kiosk window failed again while a relaunch is pending');
      return;
    }
    if (failures.length <= policy.maxReloads) {
      log.warn({ cause, ...details, attempt: failures.length, maxReloads: policy.maxReloads }, 'kiosk window failed; reloading');
      act();
      return;
    }
    log.error({ cause, ...details, failures: failures.length, relaunchInMs: backoffMs }, 'kiosk window keeps failing; relaunching it after a pause');
    relaunchTimer = clock.setTimeout(relaunchNow, backoffMs);
  };

  const clearUnresponsive = () => {
    if (unresponsiveTimer !== null) clock.clearTimeout(unresponsiveTimer);
    unresponsiveTimer = null;
  };

  return {
    renderProcessGone(details) {
      if (clock.now() <= expectingKillUntil) {
        expectingKillUntil = 0;
        return;
      }
      failure('render-process-gone', { reason: details.reason, exitCode: details.exitCode }, actions.reload);
    },
    childProcessGone(details) {
      const about = { type: details.type, name: details.name, serviceName: details.serviceName, reason: details.reason, exitCode: details.exitCode };
      if (details.reason === 'clean-exit') {
        log.info(about, 'child process gone');
        return;
      }
      switch (childProcessKind(details)) {
        case 'host':
          // The host has its own supervisor (host-process.ts), which restarts it.
          log.info(about, 'host process gone; its supervisor restarts it');
          return;
        case 'network-service':
          // Chromium starts a new one. The page needs none: app:// is served by the main
          // process and the API travels over IPC; the host makes its own connections.
          log.warn(about, 'network service gone; Chromium restarts it');
          return;
        case 'audio-service':
          // Started again when sound is next played; the page plays none today.
          log.warn(about, 'audio service gone; Chromium restarts it when needed');
          return;
        case 'video-capture':
          // The camera's stream died with it and the live photo would show a frozen frame:
          // reload, and the page opens the camera again (the session lives in the host).
          failure('camera-service-gone', about, actions.reload);
          return;
        case 'node-utility':
        case 'other-utility':
          log.warn(about, 'utility process gone');
          return;
        case 'gpu':
        case 'other':
          // A dead GPU process leaves a blank or frozen page behind: reload it.
          failure('child-process-gone', about, actions.reload);
          return;
      }
    },
    unresponsive() {
      if (unresponsiveTimer !== null || stopped) return;
      log.warn({ graceMs: policy.unresponsiveGraceMs }, 'kiosk page unresponsive');
      unresponsiveTimer = clock.setTimeout(() => {
        unresponsiveTimer = null;
        failure('unresponsive', { forMs: policy.unresponsiveGraceMs }, () => {
          expectingKillUntil = clock.now() + KILL_REPORT_MS;
          actions.restartHungRenderer();
        });
      }, policy.unresponsiveGraceMs);
    },
    responsive() {
      if (unresponsiveTimer === null) return;
      clearUnresponsive();
      log.info({}, 'kiosk page responsive again');
    },
    loadFailed(errorCode, description) {
      // -3 (ERR_ABORTED) is a navigation the lockdown itself cancelled, not a broken page.
      if (errorCode === -3) return;
      failure('load-failed', { errorCode, description }, actions.reload);
    },
    heartbeatStopped(silentForMs) {
      failure('heartbeat-stopped', { silentForMs }, () => {
        expectingKillUntil = clock.now() + KILL_REPORT_MS;
        actions.restartHungRenderer();
      });
    },
    stop() {
      stopped = true;
      clearUnresponsive();
      if (relaunchTimer !== null) clock.clearTimeout(relaunchTimer);
      relaunchTimer = null;
    },
  };
}
