/**
 * Technician commands for the certificate unit (`kiosk device certificate-unit status|read-permit|
 * eject|capture|inventory|dispense|reset`) and its simulator on a serial device
 * (`kiosk sim certificate-unit --port PATH`).
 */
import { CertificateUnitDriver } from '../../../drivers/certificate-unit/driver';
import type { CertificateUnitFailure, CertificateUnitReason } from '../../../drivers/certificate-unit/errors';
import type { PipeOpener } from '../../../drivers/transport/byte-pipe';
import { openSerialPipe } from '../../../drivers/transport/serial-port-pipe';
import {
  CertificateUnitSimulator,
  REALISTIC_TIMING,
  ZERO_TIMING,
} from '../../../simulators/certificate-unit/simulator';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';
import { type CliCommandGroup, type CliContext, CliError, type CliOptions, numberOption, requireOption } from '../cli-types';

/** Stable snake_case CLI codes: `card-jam` -> `card_jam`, `slot-empty` -> `slot_empty`, ... */
export function cliCodeFor(reason: CertificateUnitReason): string {
  return reason.replaceAll('-', '_');
}

function fail(result: CertificateUnitFailure): never {
  throw new CliError(cliCodeFor(result.reason), result.message);
}

function addrOption(options: CliOptions): number {
  const addr = numberOption(options, 'addr', 0);
  if (!Number.isInteger(addr) || addr > 15) throw new CliError('usage', '--addr must be 0-15');
  return addr;
}

async function withDriver<T>(context: CliContext, run: (driver: CertificateUnitDriver) => Promise<T>): Promise<T> {
  const path = requireOption(context.options, 'port');
  const baudRate = numberOption(context.options, 'baud', 115200);
  const addr = addrOption(context.options);
  const opener: PipeOpener = () => openSerialPipe({ path, baudRate });
  const driver = new CertificateUnitDriver(opener, addr);
  try {
    return await run(driver);
  } finally {
    await driver.close();
  }
}

const status = (context: CliContext) =>
  withDriver(context, async (driver) => {
    const current = await driver.getStatus();
    if (current.status === 'offline') throw new CliError('offline', `no answer from the certificate unit on ${context.options.port}`);
    return current;
  });

const readPermit = (context: CliContext) =>
  withDriver(context, async (driver) => {
    if (context.options.take === true) {
      context.progress('insert the permit at the gate...');
      const take = await driver.takePermit({ timeoutMs: numberOption(context.options, 'timeout', 60_000), signal: context.signal });
      if (!take.ok) fail(take);
    }
    const read = await driver.readPermit();
    if (!read.ok) fail(read);
    return { ...read.permit, uid: read.uid };
  });

const eject = (context: CliContext) =>
  withDriver(context, async (driver) => {
    context.progress('card ejected, waiting for it to be taken...');
    const result = await driver.ejectAndWaitForTaken({
      takeTimeoutMs: numberOption(context.options, 'timeout', 30_000),
      signal: context.signal,
    });
    if (!result.ok) fail(result);
    return result.outcome === 'taken' ? { outcome: 'taken' } : { outcome: 'retained', retainCount: result.retainCount };
  });

const capture = (context: CliContext) =>
  withDriver(context, async (driver) => {
    const result = await driver.capture();
    if (!result.ok) fail(result);
    return { retained: true, retainCount: result.retainCount };
  });

const inventory = (context: CliContext) =>
  withDriver(context, async (driver) => {
    const result = await driver.inventory();
    if (!result.ok) fail(result);
    return { slots: result.slots.length, loaded: result.loaded, empty: result.empty };
  });

const dispense = (context: CliContext) => {
  const raw = requireOption(context.options, 'slot');
  const slot = Number(raw);
  if (!Number.isInteger(slot) || slot < 1 || slot > 999) throw new CliError('usage', '--slot must be 1-999');
  return withDriver(context, async (driver) => {
    const result = await driver.dispense(slot);
    if (!result.ok) fail(result);
    return { dispensed: slot, card: 'gate' };
  });
};

const reset = (context: CliContext) =>
  withDriver(context, async (driver) => {
    const mode = context.options.capture === true ? 'capture' : 'leave';
    const result = await driver.reset(mode);
    if (!result.ok) fail(result);
    return { firmware: result.firmware, mode };
  });

export const certificateUnitCommands: CliCommandGroup = {
  status,
  'read-permit': readPermit,
  eject,
  capture,
  inventory,
  dispense,
  reset,
};

/**
 * Runs the simulator on an existing serial device (one end of a socat pty pair, or a USB-serial
 * adapter looped to the kiosk) until the signal aborts. `--auto-insert` puts the first test
 * permit into the gate whenever insertion opens; `--auto-take-ms N` takes a card from the gate
 * after N ms; `--fast` drops the simulated motion times.
 */
export async function simulateCertificateUnit(context: CliContext): Promise<unknown> {
  const path = requireOption(context.options, 'port');
  const baudRate = numberOption(context.options, 'baud', 115200);
  const addr = addrOption(context.options);
  const autoTakeMs = context.options['auto-take-ms'] === undefined ? undefined : numberOption(context.options, 'auto-take-ms', 0);
  const pipe = await openSerialPipe({ path, baudRate });
  const sim = new CertificateUnitSimulator({ addr, timing: context.options.fast === true ? ZERO_TIMING : REALISTIC_TIMING });
  sim.attach(pipe);
  let takeTimer: ReturnType<typeof setTimeout> | undefined;
  sim.onChange((state) => {
    if (context.options['auto-insert'] === true && state.entryEnabled && state.location === 'none') {
      // Deferred: the change event fires inside the command that enabled insertion.
      setTimeout(() => {
        if (sim.insertCard(TEST_PERMITS[0]!)) context.progress('simulated citizen inserted test permit CT0000001');
      }, 200);
    }
    if (autoTakeMs !== undefined && state.location === 'gate' && !state.entryEnabled && takeTimer === undefined) {
      takeTimer = setTimeout(() => {
        takeTimer = undefined;
        if (sim.takeCardFromGate()) context.progress('simulated citizen took the card from the gate');
      }, autoTakeMs);
    }
  });
  context.progress(`certificate unit simulator on ${pipe.description} (ADDR ${addr}); Ctrl-C stops it`);
  await new Promise<void>((resolve) => {
    if (context.signal.aborted) resolve();
    else context.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  if (takeTimer) clearTimeout(takeTimer);
  await sim.close();
  return { stopped: true, port: path, commands: sim.commandLog.length, state: summarise(sim) };
}

function summarise(sim: CertificateUnitSimulator) {
  const state = sim.state;
  return {
    location: state.location,
    retainCount: state.retainCount,
    loadedSlots: state.magazine.filter((c) => c !== undefined).length,
  };
}
