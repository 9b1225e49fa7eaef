import type { Clock, TimerHandle } from '../../drivers/common/clock';

export interface HeartbeatWatchdog {
  /** The page sent a heartbeat. */
  beat(): void;
  /** The page was (re)loaded: give it a full timeout to start beating. */
  restart(): void;
  stop(): void;
}

/**
 * Notices a page that stopped sending its heartbeat (the renderer sends one every 5 s through the
 * API). A frozen event loop or a React tree stuck in an error state still paints, so Chromium's
 * `unresponsive` alone misses it; the watchdog does not. After it fires it waits a full timeout
 * again, so the page it caused to reload has time to come up.
 */
export function createHeartbeatWatchdog(clock: Clock, options: { timeoutMs: number; checkEveryMs: number }, onStall: (silentForMs: number) => void): HeartbeatWatchdog {
  let last = clock.now();
  let timer: TimerHandle | null = null;
  let stopped = false;
  const check = () => {
    timer = null;
    if (stopped) return;
    const silent = clock.now() - last;
    if (silent >= options.timeoutMs) {
      last = clock.now();
      onStall(silent);
    }
    timer = clock.setTimeout(check, options.checkEveryMs);
  };
  timer = clock.setTimeout(check, options.checkEveryMs);
  return {
    beat() {
      last = clock.now();
    },
    restart() {
      last = clock.now();
    },
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
