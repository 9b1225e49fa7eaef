import type { Clock, TimerHandle } from '../../drivers/common/clock';

/** A clock whose time moves only when the test says so; timers fire in order of due time. */
export class ManualClock implements Clock {
  private timers: Array<{ id: object; due: number; callback: () => void }> = [];
  constructor(private time = 0) {}
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = {};
    this.timers.push({ id, due: this.time + Math.max(0, ms), callback });
    return id;
  }
  clearTimeout(handle: TimerHandle | undefined): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  pending(): number {
    return this.timers.length;
  }
  /** How far ahead each pending timer is due, soonest first. */
  dueIn(): number[] {
    return this.timers.map((timer) => timer.due - this.time).sort((a, b) => a - b);
  }
  /** Moves time forward, firing each timer that falls due on the way (and timers they set). */
  advance(ms: number): void {
    const until = this.time + ms;
    while (this.#fireNext(until));
    this.time = until;
  }
  /** Like advance, but lets promise callbacks run after each timer (for async work in timers). */
  async advanceAsync(ms: number): Promise<void> {
    const until = this.time + ms;
    while (this.#fireNext(until)) {
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    this.time = until;
  }
  /** Fires the soonest timer due by `until`, moving time to it; false when there is none. */
  #fireNext(until: number): boolean {
    this.timers.sort((a, b) => a.due - b.due);
    const next = this.timers[0];
    if (!next || next.due > until) return false;
    this.timers.shift();
    this.time = next.due;
    next.callback();
    return true;
  }
}
