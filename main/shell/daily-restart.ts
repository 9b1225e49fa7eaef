import type { Clock, TimerHandle } from '../../drivers/common/clock';
import type { ShellLog } from './shell-log';

export interface DailyRestartOptions {
  /** Local hour (0-23) when the quiet window opens, e.g. 4 for 04:00. */
  readonly hour: number;
  /** How long the window stays open for a restart to find the kiosk idle. */
  readonly windowMinutes: number;
  /** How often to ask again while a session is active. */
  readonly retryEveryMs: number;
}

export const DEFAULT_DAILY_RESTART: DailyRestartOptions = { hour: 4, windowMinutes: 60, retryEveryMs: 60_000 };

/** The next opening of the quiet window strictly after `now`, in local time. */
export function nextQuietStart(now: number, hour: number): number {
  const at = new Date(now);
  at.setHours(hour, 0, 0, 0);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return at.getTime();
}

/** `TONGBAN_RESTART_HOUR`: an hour 0-23, or "off"; anything else keeps the default. */
export function dailyRestartFromEnv(env: NodeJS.ProcessEnv, defaults: DailyRestartOptions = DEFAULT_DAILY_RESTART): DailyRestartOptions | null {
  const raw = env.TONGBAN_RESTART_HOUR;
  if (raw === 'off') return null;
  const hour = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(hour) && hour >= 0 && hour <= 23 ? { ...defaults, hour } : defaults;
}

/**
 * A daily restart in a quiet hour clears whatever a long-running Chromium accumulates. It never
 * interrupts a citizen: at the hour it asks the host whether a session is active and, while one
 * is, asks again every minute until the window closes; a day with no idle moment is skipped.
 * Scheduling starts strictly after now, so a shell restarted at 04:00 does not restart again.
 */
export function scheduleDailyRestart(
  clock: Clock,
  options: DailyRestartOptions,
  isIdle: () => Promise<boolean>,
  restart: () => void,
  log: ShellLog,
): { stop(): void } {
  let timer: TimerHandle | null = null;
  let stopped = false;
  let windowEnd = 0;

  const planNext = () => {
    const start = nextQuietStart(clock.now(), options.hour);
    windowEnd = start + options.windowMinutes * 60_000;
    log.info({ at: new Date(start).toISOString() }, 'daily restart planned');
    timer = clock.setTimeout(attempt, start - clock.now());
  };

  const attempt = () => {
    timer = null;
    if (stopped) return;
    void isIdle()
      .catch(() => false)
      .then((idle) => {
        if (stopped) return;
        if (idle) {
          log.info({}, 'daily restart: kiosk idle, restarting');
          stopped = true;
          restart();
          return;
        }
        if (clock.now() + options.retryEveryMs < windowEnd) {
          timer = clock.setTimeout(attempt, options.retryEveryMs);
          return;
        }
        log.warn({}, 'daily restart skipped: a session was active all through the quiet window');
        planNext();
      });
  };

  planNext();
  return {
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
