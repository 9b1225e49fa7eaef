/** The sequence part has at most 6 digits, so the progress query's keypad takes it. */
const MAX_SEQ = 999_999;

/** A persisted counter (Journal.nextInSequence): one more than its last number, or `atLeast`. */
export type SequenceSource = (name: string, atLeast: number) => number;

/**
 * Application numbers as the contract has the kiosk assign them: `<kioskId>-<yyyymmdd>-<seq>`
 * (UTC date). The sequence is the tenth of a second of the day the application began, or one more
 * than the day's last number when that is higher, kept in the journal: never given twice by one
 * kiosk, not across restarts, not when the clock is set back (the day's counter goes on), and not
 * by a kiosk whose journal was replaced the same day (the clock has moved on since).
 */
export function applicationNumbers(sequence: SequenceSource): (kioskId: string, nowMs: number) => string {
  return (kioskId, nowMs) => {
    const day = new Date(nowMs).toISOString().slice(0, 10).replaceAll('-', '');
    const tenthOfDay = Math.floor((nowMs % 86_400_000) / 100);
    const seq = sequence(`application_seq:${day}`, tenthOfDay);
    if (seq > MAX_SEQ) throw new Error(`more than ${MAX_SEQ} application numbers on ${day}: the sequence has run out`);
    return `${kioskId}-${day}-${seq}`;
  };
}
