/**
 * The technician command line: `npx kiosk device <device> <action> --port PATH ...` and
 * `npx kiosk sim ...`. Output is JSON on stdout; a failure exits non-zero with one line
 * `{"error": {"code", "message"}}` on stderr.
 */
import { type CliCommand, type CliCommandGroup, CliError, CliOutcome } from './cli-types';
import { certificateUnitCommands, simulateCertificateUnit } from './devices/certificate-unit';
import { idReaderCommands, simulateIdReader } from './devices/id-reader';
import { printerCommands, simulatePrinter } from './devices/printer';
import { PROVISION_USAGE, probeCommand, provisionCommand } from './provision';
import { issueEnrolmentCode } from './sim-code';
import { simulateAll } from './sim-up';

const deviceGroups: Readonly<Record<string, CliCommandGroup>> = {
  'id-reader': idReaderCommands,
  printer: printerCommands,
  'certificate-unit': certificateUnitCommands,
};

const simulators: Readonly<Record<string, CliCommand>> = {
  'id-reader': simulateIdReader,
  printer: simulatePrinter,
  'certificate-unit': simulateCertificateUnit,
  up: simulateAll,
  code: issueEnrolmentCode,
};

const USAGE = `usage:
  kiosk device id-reader read|sam-id --port PATH [--baud N] [--wait SECONDS] [--transport serial|hid] [--fingerprints]
  kiosk device printer status|print-test --port PATH [--baud N]
  kiosk device certificate-unit status|read-permit|eject|capture|inventory --port PATH
  kiosk device certificate-unit dispense --slot N --port PATH
  kiosk sim id-reader|printer|certificate-unit --port PATH [--card NAME]
  kiosk sim up [--card NAME|none] [--panel-port N] [--central-port N]
  kiosk sim code
${PROVISION_USAGE}`;

/** Flags that never take a value, so `--fast --port X` and `--take --port X` parse as meant. */
const BOOLEAN_FLAGS: ReadonlySet<string> = new Set(['fingerprints', 'take', 'fast', 'auto-insert', 'cover-open', 'capture', 'help', 'pts', 'no-self-test']);

/**
 * `--name value`, `--name=value` and bare boolean `--flag`s; words before the first option are
 * the command. (node:util parseArgs without a schema reads `--port /dev/x` as a flag and a word.)
 */
export function parseCliArgs(argv: readonly string[]): { values: Record<string, string | boolean>; positionals: string[] } {
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('--') || word === '--') {
      positionals.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    if (eq > 0) {
      values[word.slice(2, eq)] = word.slice(eq + 1);
      continue;
    }
    const name = word.slice(2);
    const next = argv[i + 1];
    if (!BOOLEAN_FLAGS.has(name) && next !== undefined && !next.startsWith('--')) {
      values[name] = next;
      i++;
    } else {
      values[name] = true;
    }
  }
  return { values, positionals };
}

export function resolveCommand(words: readonly string[]): CliCommand {
  const [area, first, second] = words;
  if (area === 'device') {
    const group = first ? deviceGroups[first] : undefined;
    if (!group) throw new CliError('usage', `unknown device ${JSON.stringify(first ?? '')}; devices: ${Object.keys(deviceGroups).join(', ')}`);
    const command = second ? group[second] : undefined;
    if (!command) throw new CliError('usage', `unknown action ${JSON.stringify(second ?? '')} for ${first}; actions: ${Object.keys(group).join(', ')}`);
    return command;
  }
  if (area === 'provision') return provisionCommand;
  if (area === 'probe') return probeCommand;
  if (area === 'sim') {
    const command = first ? simulators[first] : undefined;
    if (!command) throw new CliError('usage', `unknown simulator ${JSON.stringify(first ?? '')}; simulators: ${Object.keys(simulators).join(', ')}`);
    return command;
  }
  throw new CliError('usage', USAGE);
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  // `on`, not `once`: Ctrl-C reaches this process both directly and relayed by kiosk.mjs and
  // tsx; a second signal during clean-up must not kill it before socat is stopped.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (argv.includes('--help') || argv.length === 0) {
      process.stdout.write(`${USAGE}\n`);
      return argv.length === 0 ? 2 : 0;
    }
    const { values, positionals } = parseCliArgs(argv);
    const command = resolveCommand(positionals);
    const result = await command({
      options: values,
      signal: controller.signal,
      progress: (line) => process.stderr.write(`${line}\n`),
    });
    if (result instanceof CliOutcome) {
      process.stdout.write(`${JSON.stringify(result.value ?? null, null, 2)}\n`);
      return result.exitCode;
    }
    process.stdout.write(`${JSON.stringify(result ?? null, null, 2)}\n`);
    return 0;
  } catch (error) {
    const code = error instanceof CliError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    const details = error instanceof CliError && error.details !== undefined ? { details: error.details } : {};
    process.stderr.write(`${JSON.stringify({ error: { code, message, ...details } })}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
