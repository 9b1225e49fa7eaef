/**
 * Port probing: which device is on which port, found without a person saying so. Every candidate
 * is opened at each of the contract's baud rates in turn and asked the harmless questions of
 * identify.ts (printer first: a printer would print what it does not understand, so once a port
 * answers like a printer nothing else is sent to it). A port that cannot be opened, stays silent
 * or answers garbage is reported as such; every port opened is closed again. Ports are probed a
 * few at a time, with a progress event per port. When a device is still missing after that, the
 * ports that answered nothing are looked at again, for the missing devices only and with
 * SECOND_LOOK_PATIENCE times the time limits: a device busy at the first question (a unit ending
 * its power-on self-test, a machine starved of CPU) is found rather than named missing.
 */
import { type Clock, systemClock } from '../../drivers/common/clock';
import type { BytePipe } from '../../drivers/transport/byte-pipe';
import { openHidPipe } from '../../drivers/transport/hid-pipe';
import { openSerialPipe } from '../../drivers/transport/serial-port-pipe';
import type { PortCandidate } from './candidates';
import { askCertificateUnit, askIdReader, askPrinter, type CertificateUnitIdentity, type IdReaderIdentity, type Identity, type PrinterIdentity } from './identify';
import { PortListener } from './listen';

export type DeviceName = 'idReader' | 'printer' | 'certificateUnit';
export const DEVICE_NAMES: readonly DeviceName[] = ['idReader', 'printer', 'certificateUnit'];

/** Baud rates per device, from the contracts: the reader also comes at 9600; printer and unit run at 115200. */
export const CONTRACT_BAUD_RATES: Readonly<Record<DeviceName, readonly number[]>> = {
  printer: [115200],
  idReader: [115200, 9600],
  certificateUnit: [115200],
};

export type PortVerdict =
  | { readonly path: string; readonly transport: PortCandidate['transport']; readonly outcome: 'identified'; readonly baudRate: number | null; readonly identity: Identity }
  /** Opened, asked everything, and nothing we know answered (silent, or garbage). */
  | { readonly path: string; readonly transport: PortCandidate['transport']; readonly outcome: 'unknown'; readonly heardBytes: number }
  | { readonly path: string; readonly transport: PortCandidate['transport']; readonly outcome: 'unavailable'; readonly error: string };

export interface FoundDevices {
  readonly idReader?: { readonly transport: 'serial' | 'hid'; readonly path: string; readonly baudRate: number | null; readonly identity: IdReaderIdentity };
  readonly printer?: { readonly transport: 'serial'; readonly path: string; readonly baudRate: number; readonly identity: PrinterIdentity };
  readonly certificateUnit?: { readonly transport: 'serial'; readonly path: string; readonly baudRate: number; readonly identity: CertificateUnitIdentity };
}

export interface ProbeReport {
  readonly ports: readonly PortVerdict[];
  readonly devices: FoundDevices;
  readonly missing: readonly DeviceName[];
  /** A device found on more than one port: the first one (in port order) is taken, the others named here. */
  readonly duplicates: ReadonlyArray<{ readonly device: DeviceName; readonly path: string }>;
  readonly durationMs: number;
}

export type ProbeProgress =
  /** `secondLookFor`: this pass is the second look, for these missing devices. */
  | { readonly kind: 'start'; readonly total: number; readonly secondLookFor?: readonly DeviceName[] }
  | { readonly kind: 'port'; readonly done: number; readonly total: number; readonly verdict: PortVerdict };

export type PipeOpenerFor = (candidate: PortCandidate, baudRate: number) => Promise<BytePipe>;

export const openCandidate: PipeOpenerFor = (candidate, baudRate) =>
  candidate.transport === 'hid' ? openHidPipe({ path: candidate.path }) : openSerialPipe({ path: candidate.path, baudRate });

export interface ProbeOptions {
  /** At most this many ports open at once; default 4. */
  readonly concurrency?: number;
  readonly onProgress?: (event: ProbeProgress) => void;
  readonly open?: PipeOpenerFor;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** How many times the first look's time limits the second look waits. */
export const SECOND_LOOK_PATIENCE = 4;

/** Which devices a pass asks a port about, and how patiently. */
interface Look {
  readonly devices: readonly DeviceName[];
  readonly patience: number;
}

const FIRST_LOOK: Look = { devices: DEVICE_NAMES, patience: 1 };

/** One open at one baud rate: the questions for the devices that may sit there at that rate. */
async function askAt(pipe: BytePipe, baudRate: number | null, clock: Clock, look: Look): Promise<{ identity?: Identity; heard: number }> {
  const listener = new PortListener(pipe, clock);
  let heard = 0;
  const note = () => (heard += listener.heard.length);
  const allows = (device: DeviceName) => look.devices.includes(device) && (baudRate === null || CONTRACT_BAUD_RATES[device].includes(baudRate));
  try {
    // HID carries only the ID reader's frames.
    if (baudRate !== null && allows('printer')) {
      const printer = await askPrinter(pipe, listener, look.patience);
      note();
      if (printer) return { identity: printer, heard };
    }
    if (allows('idReader')) {
      const reader = await askIdReader(pipe, listener, look.patience);
      note();
      if (reader) return { identity: reader, heard };
    }
    if (baudRate !== null && allows('certificateUnit')) {
      const unit = await askCertificateUnit(pipe, listener, look.patience);
      note();
      if (unit) return { identity: unit, heard };
    }
    return { heard };
  } finally {
    listener.stop();
  }
}

export async function probePort(candidate: PortCandidate, options: Pick<ProbeOptions, 'open' | 'clock'> = {}, look: Look = FIRST_LOOK): Promise<PortVerdict> {
  // The clock's timers do not keep Node alive; a probe waiting out a silent port must.
  const hold = setInterval(() => undefined, 60_000);
  try {
    return await askPort(candidate, options, look);
  } finally {
    clearInterval(hold);
  }
}

async function askPort(candidate: PortCandidate, options: Pick<ProbeOptions, 'open' | 'clock'>, look: Look): Promise<PortVerdict> {
  const open = options.open ?? openCandidate;
  const clock = options.clock ?? systemClock;
  const { path, transport } = candidate;
  const rates: readonly (number | null)[] = transport === 'hid' ? [null] : [...new Set(look.devices.flatMap((d) => CONTRACT_BAUD_RATES[d]))];
  let heardBytes = 0;
  let lastError: string | undefined;
  let opened = false;
  for (const baudRate of rates) {
    let pipe: BytePipe;
    try {
      pipe = await open(candidate, baudRate ?? 0);
      opened = true;
    } catch (error) {
      // The first reason is the telling one (the same refusal repeats at the other rates).
      lastError ??= message(error);
      continue;
    }
    try {
      const answer = await askAt(pipe, baudRate, clock, look);
      heardBytes += answer.heard;
      if (answer.identity) return { path, transport, outcome: 'identified', baudRate, identity: answer.identity };
    } catch (error) {
      // A port that fails while being asked (unplugged, write refused) is as good as absent.
      lastError ??= message(error);
    } finally {
      await pipe.close().catch(() => undefined);
    }
  }
  if (!opened) return { path, transport, outcome: 'unavailable', error: lastError ?? 'cannot open' };
  return { path, transport, outcome: 'unknown', heardBytes };
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the input order in the result. */
async function boundedMap<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export function foundDevices(ports: readonly PortVerdict[]): Pick<ProbeReport, 'devices' | 'missing' | 'duplicates'> {
  const devices: { -readonly [K in keyof FoundDevices]: FoundDevices[K] } = {};
  const duplicates: Array<{ device: DeviceName; path: string }> = [];
  for (const verdict of ports) {
    if (verdict.outcome !== 'identified') continue;
    const { identity, path } = verdict;
    if (devices[identity.device]) {
      duplicates.push({ device: identity.device, path });
      continue;
    }
    const baudRate = verdict.baudRate ?? 115200;
    if (identity.device === 'idReader') {
      devices.idReader = verdict.transport === 'hid' ? { transport: 'hid', path, baudRate: null, identity } : { transport: 'serial', path, baudRate, identity };
    } else if (identity.device === 'printer') {
      devices.printer = { transport: 'serial', path, baudRate, identity };
    } else {
      devices.certificateUnit = { transport: 'serial', path, baudRate, identity };
    }
  }
  return { devices, missing: DEVICE_NAMES.filter((device) => !devices[device]), duplicates };
}

/** One pass over `candidates`, a few at a time, with its progress events. */
async function pass(candidates: readonly PortCandidate[], options: ProbeOptions, look: Look, secondLookFor?: readonly DeviceName[]): Promise<PortVerdict[]> {
  let done = 0;
  options.onProgress?.(secondLookFor ? { kind: 'start', total: candidates.length, secondLookFor } : { kind: 'start', total: candidates.length });
  return boundedMap(candidates, options.concurrency ?? 4, async (candidate) => {
    const verdict: PortVerdict = options.signal?.aborted
      ? { path: candidate.path, transport: candidate.transport, outcome: 'unavailable', error: 'probing was cancelled' }
      : await probePort(candidate, options, look);
    done++;
    options.onProgress?.({ kind: 'port', done, total: candidates.length, verdict });
    return verdict;
  });
}

/**
 * Probes every candidate; then, if a device is missing, looks again, more patiently, at the ports
 * that answered nothing. Never throws on what a port does.
 */
export async function probePorts(candidates: readonly PortCandidate[], options: ProbeOptions = {}): Promise<ProbeReport> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const ports = await pass(candidates, options, FIRST_LOOK);
  const { missing } = foundDevices(ports);
  const silent = ports.flatMap((verdict, index) => (verdict.outcome === 'unknown' ? [index] : []));
  if (missing.length > 0 && silent.length > 0 && !options.signal?.aborted) {
    const again = await pass(silent.map((index) => candidates[index]!), options, { devices: missing, patience: SECOND_LOOK_PATIENCE }, missing);
    // A port heard nothing from on both looks keeps its first verdict (what it said to every question).
    again.forEach((verdict, at) => {
      if (verdict.outcome === 'identified') ports[silent[at]!] = verdict;
    });
  }
  return { ports, ...foundDevices(ports), durationMs: clock.now() - started };
}
