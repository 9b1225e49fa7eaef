/**
 * `kiosk provision`: brings a terminal into service from the command line. Probes the ports,
 * enrols with central on a one-time code, writes the production configuration and runs the
 * self-test (kiosk-config/provision/provision.ts, the same module the first-boot screen drives).
 * What is not given as a flag is asked for when a person sits at the terminal (stdin is a TTY).
 * Progress goes to stderr, the result as JSON to stdout.
 */
import { createInterface } from 'node:readline/promises';
import { resolveDataDir } from '../../kiosk-config/load';
import { candidatesFromList, findCandidates, type PortCandidate } from '../../kiosk-config/probe/candidates';
import { probePorts } from '../../kiosk-config/probe/probe';
import { type ProvisionFailureCode, ProvisionError, type ProvisionProgress, provision } from '../../kiosk-config/provision/provision';
import { type CliContext, CliError, CliOutcome, type CliOptions } from './cli-types';

export const PROVISION_USAGE = `  kiosk provision --central URL --kiosk-id GD-GZ-0001 --code XXXX-XXXX-XXXX [--ports P1,P2,...|--pts] [--no-self-test]
  kiosk probe [--ports P1,P2,...|--pts]      which device is on which port (exit 3 when one is missing)
    exit codes: 0 provisioned, self-test passed; 2 usage; 3 a device not found; 4 code refused (used, unknown);
                5 central unreachable; 6 provisioned but the self-test failed; 1 anything else`;

/** Documented exit codes (docs/deploy.md). */
export const PROVISION_EXIT = {
  ok: 0,
  other: 1,
  usage: 2,
  devicesMissing: 3,
  codeRefused: 4,
  centralUnreachable: 5,
  selfTestFailed: 6,
} as const;

const EXIT_FOR: Readonly<Record<ProvisionFailureCode, number>> = {
  invalid_input: PROVISION_EXIT.usage,
  devices_missing: PROVISION_EXIT.devicesMissing,
  code_used: PROVISION_EXIT.codeRefused,
  unknown_code: PROVISION_EXIT.codeRefused,
  refused: PROVISION_EXIT.codeRefused,
  central_unreachable: PROVISION_EXIT.centralUnreachable,
  bad_reply: PROVISION_EXIT.other,
};

const QUESTIONS = {
  central: 'central service URL (e.g. https://central.example.invalid)',
  'kiosk-id': 'kiosk id (e.g. GD-GZ-0001)',
  code: 'one-time enrolment code (e.g. K7QX-M2TB-9RHD)',
} as const;

type Asked = keyof typeof QUESTIONS;

/** The flags given, and the missing ones asked for at a terminal; without one, a usage error. */
async function answers(options: CliOptions, env: NodeJS.ProcessEnv): Promise<Record<Asked, string>> {
  const given: Partial<Record<Asked, string>> = {};
  for (const name of Object.keys(QUESTIONS) as Asked[]) {
    const value = options[name] ?? (name === 'central' ? env.KIOSK_CENTRAL_URL : undefined);
    if (typeof value === 'string' && value.trim() !== '') given[name] = value.trim();
  }
  const missing = (Object.keys(QUESTIONS) as Asked[]).filter((name) => given[name] === undefined);
  if (missing.length > 0) {
    if (!process.stdin.isTTY) throw new CliError('usage', `missing ${missing.map((name) => `--${name}`).join(', ')}`, PROVISION_EXIT.usage);
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    try {
      for (const name of missing) given[name] = (await prompt.question(`${QUESTIONS[name]}: `)).trim();
    } finally {
      prompt.close();
    }
  }
  return given as Record<Asked, string>;
}

function candidatesOf(options: CliOptions): PortCandidate[] | undefined {
  const ports = options.ports;
  if (ports === undefined) return undefined;
  if (typeof ports !== 'string' || ports.trim() === '') throw new CliError('usage', '--ports takes a comma-separated list of ports', PROVISION_EXIT.usage);
  return candidatesFromList(ports);
}

function progressLine(event: ProvisionProgress): string | undefined {
  if (event.kind === 'stage') return `provision: ${event.stage}...`;
  const probe = event.event;
  if (probe.kind === 'start') {
    return probe.secondLookFor ? `${probe.secondLookFor.join(', ')} not found: looking again, more patiently, at the ${probe.total} port(s) that answered nothing...` : `probing ${probe.total} port(s)...`;
  }
  const { verdict } = probe;
  const what =
    verdict.outcome === 'identified'
      ? `${verdict.identity.device}${verdict.baudRate ? ` at ${verdict.baudRate} baud` : ''}`
      : verdict.outcome === 'unknown'
        ? `unknown (${verdict.heardBytes} byte(s) heard)`
        : `unavailable: ${verdict.error}`;
  return `  [${probe.done}/${probe.total}] ${verdict.path}: ${what}`;
}

/** `kiosk probe`: which device is on which port, and nothing else (no enrolment, nothing written). */
export async function probeCommand(context: CliContext): Promise<unknown> {
  const candidates = candidatesOf(context.options) ?? (await findCandidates({ includePts: context.options.pts === true }));
  const report = await probePorts(candidates, {
    signal: context.signal,
    onProgress: (event) => {
      const line = progressLine({ kind: 'probe', event });
      if (line) context.progress(line);
    },
  });
  return report.missing.length > 0 ? new CliOutcome(report, PROVISION_EXIT.devicesMissing) : report;
}

export async function provisionCommand(context: CliContext): Promise<unknown> {
  const { options } = context;
  const given = await answers(options, process.env);
  const candidates = candidatesOf(options);
  try {
    const result = await provision({
      dataDir: typeof options['data-dir'] === 'string' ? options['data-dir'] : resolveDataDir(),
      centralUrl: given.central,
      kioskId: given['kiosk-id'],
      code: given.code,
      ...(candidates ? { candidates } : { includePts: options.pts === true }),
      selfTest: options['no-self-test'] !== true,
      signal: context.signal,
      onProgress: (event) => {
        const line = progressLine(event);
        if (line) context.progress(line);
      },
    });
    if (result.selfTest && !result.selfTest.passed) {
      context.progress('provisioned, but the self-test found problems: see selfTest in the result');
      return new CliOutcome(result, PROVISION_EXIT.selfTestFailed);
    }
    context.progress(`provisioned ${result.kioskId} (${result.site.name}); configuration in ${result.configFile}`);
    return result;
  } catch (error) {
    if (error instanceof ProvisionError) {
      const details = error.probe ? { ports: error.probe.ports, found: Object.keys(error.probe.devices), missing: error.probe.missing } : undefined;
      throw new CliError(error.code, error.message, EXIT_FOR[error.code], details);
    }
    throw error;
  }
}
