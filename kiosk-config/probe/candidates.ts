/**
 * Ports worth probing: what serialport lists (USB-serial bridges, on-board UARTs), the hidraw
 * devices (an ID reader in HID mode), and, when asked, the pseudo-terminals under /dev/pts, where
 * `kiosk sim up` puts its simulators. The probing process's own terminal is never among them.
 */
import { readdirSync, realpathSync } from 'node:fs';
import { SerialPort } from 'serialport';

export type PortTransport = 'serial' | 'hid';

export interface PortCandidate {
  readonly path: string;
  readonly transport: PortTransport;
  /** Where it was found: serialport's list, /dev/pts, /dev/hidraw*, or named by the caller. */
  readonly source: 'serial-list' | 'pts' | 'hidraw' | 'given';
}

export interface CandidateOptions {
  /** Also /dev/pts/N (simulators on socat pairs). */
  readonly includePts?: boolean;
  /** Only these ports (serial), as given: nothing is listed. */
  readonly only?: readonly string[];
  readonly includeHid?: boolean;
}

function listDir(dir: string, match: RegExp): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => match.test(name))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map((name) => `${dir}/${name}`);
  } catch {
    return [];
  }
}

/** The terminals this process talks to (stdin/stdout/stderr): writing probe bytes there would land on a person's screen. */
function ownTerminals(): Set<string> {
  const own = new Set<string>();
  for (const fd of [0, 1, 2]) {
    try {
      own.add(realpathSync(`/proc/self/fd/${fd}`));
    } catch {
      // not on Linux, or the descriptor is closed
    }
  }
  return own;
}

export async function findCandidates(options: CandidateOptions = {}): Promise<PortCandidate[]> {
  if (options.only) return options.only.map((path) => ({ path, transport: 'serial', source: 'given' }));
  const seen = new Set<string>();
  const out: PortCandidate[] = [];
  const add = (candidate: PortCandidate) => {
    if (seen.has(candidate.path)) return;
    seen.add(candidate.path);
    out.push(candidate);
  };
  let listed: Array<{ path: string }> = [];
  try {
    listed = await SerialPort.list();
  } catch {
    // No serial subsystem (a container): the other sources still count.
  }
  for (const port of listed) add({ path: port.path, transport: 'serial', source: 'serial-list' });
  if (options.includePts) {
    const own = ownTerminals();
    for (const path of listDir('/dev/pts', /^\d+$/)) if (!own.has(path)) add({ path, transport: 'serial', source: 'pts' });
  }
  if (options.includeHid ?? true) for (const path of listDir('/dev', /^hidraw\d+$/)) add({ path, transport: 'hid', source: 'hidraw' });
  return out;
}

/** A list of ports a person gave (`/dev/ttyUSB0,/dev/hidraw2`): hidraw nodes are HID, the rest serial. */
export function candidatesFromList(list: string): PortCandidate[] {
  return list
    .split(',')
    .map((path) => path.trim())
    .filter((path) => path !== '')
    .map((path) => ({ path, transport: path.includes('hidraw') ? 'hid' : 'serial', source: 'given' }));
}
