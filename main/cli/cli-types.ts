/** Shared shapes of the technician command line (`npx kiosk ...`). */

/** Options after the subcommand words, e.g. `--port /dev/ttyUSB0 --baud 9600` -> { port, baud }. */
export type CliOptions = Readonly<Record<string, string | boolean | undefined>>;

export interface CliContext {
  readonly options: CliOptions;
  /** Aborted on SIGINT/SIGTERM; long-running commands (simulators) stop when it fires. */
  readonly signal: AbortSignal;
  /** Writes one line to stderr for progress ("waiting for a card..."); stdout is JSON only. */
  readonly progress: (line: string) => void;
}

/** A command returns the JSON value that goes to stdout, or throws a CliError. */
export type CliCommand = (context: CliContext) => Promise<unknown>;

/** `action -> command`, e.g. `{ status, 'print-test': ... }` for `kiosk device printer ...`. */
export type CliCommandGroup = Readonly<Record<string, CliCommand>>;

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    /** Stable machine-readable code, e.g. `timeout`, `bad_checksum`, `usage`. */
    readonly code: string,
    message: string,
    /** The process exit code; 1 unless a command documents others (`kiosk provision`). */
    readonly exitCode = 1,
    /** More JSON for the error line, e.g. what a probe found before it failed. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A result that still ends the process with a non-zero code (printed on stdout like any result). */
export class CliOutcome {
  constructor(
    readonly value: unknown,
    readonly exitCode: number,
  ) {}
}

export function requireOption(options: CliOptions, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value === '') throw new CliError('usage', `--${name} is required`);
  return value;
}

export function numberOption(options: CliOptions, name: string, fallback: number): number {
  const value = options[name];
  if (value === undefined) return fallback;
  const parsed = typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(parsed) || parsed < 0) throw new CliError('usage', `--${name} must be a non-negative number`);
  return parsed;
}
