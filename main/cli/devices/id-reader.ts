/**
 * Technician commands for the GA 467 ID reader (`kiosk device id-reader read|sam-id`) and the
 * reader simulator on a serial device (`kiosk sim id-reader --port PATH [--card NAME]`).
 */
import type { DecodedCard } from '../../../drivers/id-reader/card';
import { IdReaderDriver } from '../../../drivers/id-reader/driver';
import type { IdReaderFailure } from '../../../drivers/id-reader/types';
import type { BytePipe, PipeOpener } from '../../../drivers/transport/byte-pipe';
import { openHidPipe } from '../../../drivers/transport/hid-pipe';
import { openSerialPipe } from '../../../drivers/transport/serial-port-pipe';
import { IdReaderSimulator } from '../../../simulators/id-reader/simulator';
import { isTestCardName, type TestCardName, testCardNames } from '../../../simulators/id-reader/test-cards';
import { type CliCommandGroup, type CliContext, CliError, type CliOptions, numberOption, requireOption } from '../cli-types';

/** Between find-card polls while waiting for a card, as the kiosk does. */
const POLL_INTERVAL_MS = 300;

type Transport = 'serial' | 'hid';

function transportOption(options: CliOptions): Transport {
  const value = options.transport ?? 'serial';
  if (value === 'serial' || value === 'hid') return value;
  throw new CliError('usage', '--transport must be serial or hid');
}

/** An opener that remembers why opening failed, since the driver only says `offline`. */
function openerFor(options: CliOptions): { opener: PipeOpener; openError: () => string | undefined } {
  const path = requireOption(options, 'port');
  const baudRate = numberOption(options, 'baud', 115200);
  const transport = transportOption(options);
  let openError: string | undefined;
  const opener: PipeOpener = async () => {
    try {
      return transport === 'hid' ? await openHidPipe({ path }) : await openSerialPipe({ path, baudRate });
    } catch (error) {
      openError = error instanceof Error ? error.message : String(error);
      throw error;
    }
  };
  return { opener, openError: () => openError };
}

/** Stable snake_case CLI codes for driver failures. */
export function cliCodeFor(failure: IdReaderFailure): string {
  switch (failure.reason) {
    case 'offline':
      return 'offline';
    case 'timeout':
      return failure.link === 'noise' ? 'garbage' : 'timeout';
    case 'no-card':
      return 'no_card';
    case 'select-failed':
      return 'select_failed';
    case 'read-failed':
      return 'read_failed';
    case 'unknown-card-type':
      return 'unknown_card_type';
    case 'sam-error':
      return 'sam_error';
    case 'bad-response':
      return failure.link === 'bad-checksum' ? 'bad_checksum' : 'bad_response';
    case 'cancelled':
      return 'cancelled';
    default: {
      const unreachable: never = failure.reason;
      return unreachable;
    }
  }
}

async function withDriver<T>(context: CliContext, run: (driver: IdReaderDriver) => Promise<T>): Promise<T> {
  const { opener, openError } = openerFor(context.options);
  const driver = new IdReaderDriver(opener);
  try {
    return await run(driver);
  } catch (error) {
    // The port never opened: say so rather than "offline".
    const reason = openError();
    if (error instanceof CliError && error.code === 'offline' && reason !== undefined) throw new CliError('open_failed', reason);
    throw error;
  } finally {
    await driver.close();
  }
}

function failWith(failure: IdReaderFailure): never {
  const sw3 = failure.sw3 === undefined ? '' : ` (SW3 ${failure.sw3.toString(16).toUpperCase().padStart(2, '0')})`;
  throw new CliError(cliCodeFor(failure), `${failure.message}${sw3}`);
}

/** The decoded card with exactly the contract's fields, in the contract's order. */
export function contractJson(card: DecodedCard): DecodedCard {
  return {
    cardType: card.cardType,
    name: card.name,
    nameEn: card.nameEn,
    sex: card.sex,
    nation: card.nation,
    birthDate: card.birthDate,
    address: card.address,
    idNumber: card.idNumber,
    issuer: card.issuer,
    validFrom: card.validFrom,
    validTo: card.validTo,
    permitNumber: card.permitNumber,
    issueCount: card.issueCount,
    nationality: card.nationality,
    photoWlt: card.photoWlt,
    fingerprints: card.fingerprints,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

const read = (context: CliContext) =>
  withDriver(context, async (driver) => {
    const waitMs = numberOption(context.options, 'wait', 0) * 1000;
    const withFingerprints = context.options.fingerprints === true;
    const deadline = performance.now() + waitMs;
    if (waitMs > 0) context.progress(`waiting up to ${waitMs / 1000} s for a card on ${String(context.options.port)}...`);
    for (;;) {
      const result = await driver.readCard({ withFingerprints });
      if (result.ok) return contractJson(result.value);
      // No card yet, or a reader not answering yet: keep polling while the wait lasts.
      const retry = result.reason === 'no-card' || result.reason === 'timeout';
      if (!retry || performance.now() + POLL_INTERVAL_MS > deadline) failWith(result);
      if (context.signal.aborted) throw new CliError('cancelled', 'stopped while waiting for a card');
      await sleep(POLL_INTERVAL_MS, context.signal);
    }
  });

const samId = (context: CliContext) =>
  withDriver(context, async (driver) => {
    const result = await driver.samId();
    if (!result.ok) failWith(result);
    return { samId: result.value };
  });

export const idReaderCommands: CliCommandGroup = { read, 'sam-id': samId };

/** `--card NAME`: one of the test cards, or `none` for an empty reader; the resident card by default. */
export function cardOption(options: CliOptions): TestCardName | null {
  const value = options.card ?? 'resident';
  if (value === 'none') return null;
  if (typeof value === 'string' && isTestCardName(value)) return value;
  throw new CliError('usage', `--card must be none or one of ${testCardNames.join(', ')}`);
}

/** Runs the reader simulator on an existing serial device until the signal aborts or the port goes. */
export async function simulateIdReader(context: CliContext): Promise<unknown> {
  const path = requireOption(context.options, 'port');
  const baudRate = numberOption(context.options, 'baud', 115200);
  const card = cardOption(context.options);
  const delayMs = numberOption(context.options, 'delay-ms', 0);
  let pipe: BytePipe;
  try {
    pipe = await openSerialPipe({ path, baudRate });
  } catch (error) {
    throw new CliError('open_failed', error instanceof Error ? error.message : String(error));
  }
  const simulator = new IdReaderSimulator(pipe, { card, delayMs });
  context.progress(`ID reader simulator on ${pipe.description} with ${card ?? 'no card'}; Ctrl-C stops it`);
  const portLost = await new Promise<boolean>((resolve) => {
    if (context.signal.aborted) return resolve(false);
    context.signal.addEventListener('abort', () => resolve(false), { once: true });
    pipe.onClose((error) => {
      if (error) resolve(true);
    });
  });
  await simulator.close();
  return { port: path, stoppedBy: portLost ? 'port-closed' : 'signal', card: simulator.state.card };
}
