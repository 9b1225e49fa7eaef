import type { CliContext, CliOptions } from '../../main/cli/cli-types';

/** A CLI context for calling command handlers directly; progress lines are kept for assertions. */
export function recordingCliContext(options: CliOptions, signal = new AbortController().signal): CliContext & { lines: string[] } {
  const lines: string[] = [];
  return { options, signal, progress: (line) => lines.push(line), lines };
}
