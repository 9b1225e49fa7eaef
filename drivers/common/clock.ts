/**
 * The kiosk's one clock: the time now and timers, injected everywhere time matters (sessions,
 * sync, heartbeat, device probing and drivers, the shell's recovery), so tests advance a manual
 * clock instead of sleeping and behaviour over hours is checked in milliseconds.
 *
 * It lives with the drivers because they are the lowest layer: the host, the shell and the
 * simulators all import from here, never the other way round.
 */
export type TimerHandle = { readonly __timer: unique symbol } | object;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

/** Wall-clock time. Its timers never keep the process alive on their own. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref?.();
    return timer;
  },
  clearTimeout: (handle) => {
    if (handle !== undefined) clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** Resolves after `ms` on the given clock. */
export function delay(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
