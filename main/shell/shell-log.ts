/**
 * The logging the shell's modules need: pino's call shape (object first, then message), so the
 * host's logger plugs in as is and tests pass a recorder.
 */
export interface ShellLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
