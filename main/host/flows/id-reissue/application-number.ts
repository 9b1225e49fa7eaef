/** Tenths of a second in a day: the sequence part has at most 6 digits. */
const TENTHS_PER_DAY = 864_000;

/**
 * Application numbers as the contract has the kiosk assign them: `<kioskId>-<yyyymmdd>-<seq>`
 * (UTC date). The sequence is the tenth of a second of the day the application began, made
 * strictly increasing here: sessions start one at a time, and a restart takes longer than a
 * tenth of a second, so a number is never given twice by one kiosk. Six digits at most, so the
 * progress query's keypad takes it.
 */
export function applicationNumbers(): (kioskId: string, nowMs: number) => string {
  let lastDay = '';
  let lastSeq = -1;
  return (kioskId, nowMs) => {
    const day = new Date(nowMs).toISOString().slice(0, 10).replaceAll('-', '');
    const fromClock = Math.floor((nowMs % 86_400_000) / 100);
    const seq = day === lastDay ? Math.min(Math.max(fromClock, lastSeq + 1), TENTHS_PER_DAY - 1) : fromClock;
    lastDay = day;
    lastSeq = seq;
    return `${kioskId}-${day}-${seq}`;
  };
}
