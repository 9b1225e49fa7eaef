/**
 * The logging the shell's modules need: pino's call shape (object first, then message), so the
 * host's logger plugs in as is and tests pass a recorder.
 */
export interface ShellLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** One JSON line per event on stderr, which journald keeps next to the host's lines. */
export function jsonLinesLog(write: (line: string) => void, now: () => number = Date.now): ShellLog {
  const line = (level: string) => (details: object, message: string) => write(`${JSON.stringify({ level, part: 'shell', msg: message, ...details, time: now() })}\n`);
  return { info: line('info'), warn: line('warn'), error: line('error') };
}
