/**
 * Port probing against the simulators as `kiosk sim up` runs them (three socat pty pairs), handed
 * to the probe in a random order together with a pty nobody listens on and a pty with a device
 * that answers garbage. The probe must find each device, its address and baud rate, call the
 * other two unknown, never send a printing or moving command, and close what it opened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BytePipe } from '../../drivers/transport/byte-pipe';
import { openSerialPipe } from '../../drivers/transport/serial-port-pipe';
import type { PortCandidate } from '../../kiosk-config/probe/candidates';
import { openCandidate, type ProbeProgress, probePorts } from '../../kiosk-config/probe/probe';
import { type RunningSimulators, startSimulators } from '../../main/cli/sim-up';
import { type PtyPair, startPtyPair } from '../../simulators/pty-pair';

let sims: RunningSimulators;
let empty: PtyPair;
let garbage: PtyPair;
let garbagePipe: BytePipe;
let garbageHeard = 0;

/** A made-up device: answers every chunk with bytes that look a little like each protocol and are none. */
async function startGarbageDevice(path: string): Promise<BytePipe> {
  const pipe = await openSerialPipe({ path });
  let seed = 7;
  pipe.onData((chunk) => {
    garbageHeard += chunk.length;
    const reply = Array.from({ length: 9 }, () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed & 0xff));
    // Preamble and STX bytes inside, so the scanners have something to chew on.
    void pipe.write(Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x14, 0xf2, 0x00, 0x00, 0x06, ...reply])).catch(() => undefined);
  });
  return pipe;
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

beforeAll(async () => {
  sims = await startSimulators({ card: 'resident' });
  empty = await startPtyPair();
  garbage = await startPtyPair();
  garbagePipe = await startGarbageDevice(garbage.paths[0]);
}, 20_000);

afterAll(async () => {
  await garbagePipe?.close();
  await sims?.stop();
  await empty?.stop();
  await garbage?.stop();
});

describe('probing ports', () => {
  it('finds the three simulators in any order and calls a silent port and a garbage device unknown', async () => {
    const paths = {
      idReader: sims.ports['id-reader'],
      printer: sims.ports.printer,
      certificateUnit: sims.ports['certificate-unit'],
      empty: empty.paths[1],
      garbage: garbage.paths[1],
    };
    const candidates: PortCandidate[] = shuffled(Object.values(paths)).map((path) => ({ path, transport: 'serial', source: 'given' }));
    const opened: string[] = [];
    const closed: string[] = [];
    const events: ProbeProgress[] = [];
    const printerJobsBefore = sims.devices.printer.jobs.length;
    const report = await probePorts(candidates, {
      concurrency: 2,
      onProgress: (event) => events.push(event),
      open: async (candidate, baud) => {
        const pipe = await openCandidate(candidate, baud);
        opened.push(candidate.path);
        return {
          description: pipe.description,
          get isOpen() {
            return pipe.isOpen;
          },
          write: (data) => pipe.write(data),
          onData: (listener) => pipe.onData(listener),
          onClose: (listener) => pipe.onClose(listener),
          close: async () => {
            closed.push(candidate.path);
            await pipe.close();
          },
        } satisfies BytePipe;
      },
    });

    expect(report.devices.idReader).toMatchObject({ path: paths.idReader, transport: 'serial', baudRate: 115200 });
    expect(report.devices.idReader?.identity).toMatchObject({ device: 'idReader', sw3: 0x90 });
    expect(report.devices.idReader?.identity.samId).toMatch(/^[0-9A-F]{32}$/i);
    expect(report.devices.printer).toMatchObject({ path: paths.printer, baudRate: 115200, identity: { device: 'printer', paper: 'ok', coverOpen: false } });
    expect(report.devices.certificateUnit).toMatchObject({ path: paths.certificateUnit, baudRate: 115200, identity: { device: 'certificateUnit', addr: 0 } });
    expect(report.missing).toEqual([]);
    expect(report.duplicates).toEqual([]);

    const verdictOf = (path: string) => report.ports.find((port) => port.path === path);
    expect(verdictOf(paths.empty)).toMatchObject({ outcome: 'unknown', heardBytes: 0 });
    expect(verdictOf(paths.garbage)).toMatchObject({ outcome: 'unknown' });
    expect(garbageHeard).toBeGreaterThan(0);
    expect((verdictOf(paths.garbage) as { heardBytes: number }).heardBytes).toBeGreaterThan(0);

    // Every port opened was closed, as often as it was opened.
    expect([...closed].sort()).toEqual([...opened].sort());
    // Progress: a start and one event per port, counting up.
    expect(events[0]).toEqual({ kind: 'start', total: 5 });
    expect(events.slice(1).map((event) => (event.kind === 'port' ? event.done : -1))).toEqual([1, 2, 3, 4, 5]);

    // Nothing printed, no card moved, no insertion opened.
    expect(sims.devices.printer.jobs.length).toBe(printerJobsBefore);
    const unitCommands = sims.devices.certificateUnit.commandLog.map((entry) => `${entry.cm.toString(16)}${entry.pm.toString(16)}`);
    expect(unitCommands.length).toBeGreaterThan(0);
    expect(unitCommands.every((code) => code === '3130')).toBe(true);
  }, 60_000);

  it('finds a unit set to another address and one that wants INIT first', async () => {
    const pty = await startPtyPair();
    const pipe = await openSerialPipe({ path: pty.paths[0] });
    const { CertificateUnitSimulator, ZERO_TIMING } = await import('../../simulators/certificate-unit/simulator');
    const sim = new CertificateUnitSimulator({ addr: 11, timing: ZERO_TIMING });
    sim.attach(pipe);
    try {
      const report = await probePorts([{ path: pty.paths[1], transport: 'serial', source: 'given' }]);
      expect(report.devices.certificateUnit?.identity).toMatchObject({ addr: 11 });
      const identity = report.devices.certificateUnit!.identity;
      // Either it was initialised already (a status) or it asked for INIT (B0): the probe never sends INIT itself.
      expect(identity.status !== null || identity.errorCode === 'B0').toBe(true);
      expect(report.missing).toEqual(['idReader', 'printer']);
    } finally {
      await sim.close();
      await pty.stop();
    }
  }, 30_000);

  it('finds a unit too slow for the first look on the second, asking only for what is missing', async () => {
    const pty = await startPtyPair();
    const pipe = await openSerialPipe({ path: pty.paths[0] });
    const { CertificateUnitSimulator, ZERO_TIMING } = await import('../../simulators/certificate-unit/simulator');
    // STATUS answered after 1.2 s: past the first look's 600 ms, within the second look's 2.4 s.
    const sim = new CertificateUnitSimulator({ addr: 3, timing: { ...ZERO_TIMING, status: 1200 } });
    sim.attach(pipe);
    const events: ProbeProgress[] = [];
    const printerJobsBefore = sims.devices.printer.jobs.length;
    try {
      const candidates: PortCandidate[] = [sims.ports.printer, pty.paths[1], sims.ports['id-reader']].map((path) => ({ path, transport: 'serial', source: 'given' }));
      const report = await probePorts(candidates, { onProgress: (event) => events.push(event) });
      expect(report.devices.certificateUnit).toMatchObject({ path: pty.paths[1], identity: { device: 'certificateUnit', addr: 3 } });
      expect(report.devices.printer?.path).toBe(sims.ports.printer);
      expect(report.devices.idReader?.path).toBe(sims.ports['id-reader']);
      expect(report.missing).toEqual([]);
      // The first look over the three ports, then the second over the one that answered nothing.
      expect(events.filter((event) => event.kind === 'start')).toEqual([
        { kind: 'start', total: 3 },
        { kind: 'start', total: 1, secondLookFor: ['certificateUnit'] },
      ]);
      expect(sims.devices.printer.jobs.length).toBe(printerJobsBefore);
    } finally {
      await sim.close();
      await pty.stop();
    }
  }, 30_000);

  it('calls a port with a loopback plug (every byte echoed) unknown: an echoed command is no answer', async () => {
    const pty = await startPtyPair();
    const echo = await openSerialPipe({ path: pty.paths[0] });
    echo.onData((chunk) => void echo.write(chunk).catch(() => undefined));
    try {
      const report = await probePorts([{ path: pty.paths[1], transport: 'serial', source: 'given' }]);
      expect(report.ports[0]).toMatchObject({ outcome: 'unknown' });
      expect((report.ports[0] as { heardBytes: number }).heardBytes).toBeGreaterThan(0);
    } finally {
      await echo.close();
      await pty.stop();
    }
  }, 30_000);

  it('reports a port that does not exist as unavailable, without throwing', async () => {
    const report = await probePorts([{ path: '/dev/pts/does-not-exist', transport: 'serial', source: 'given' }]);
    expect(report.ports[0]).toMatchObject({ outcome: 'unavailable' });
    expect((report.ports[0] as { error: string }).error).toMatch(/does-not-exist/);
    expect(report.missing).toEqual(['idReader', 'printer', 'certificateUnit']);
  });
});

describe('probing an ID reader in HID mode', () => {
  it('asks a hidraw candidate only the reader question and finds the reader through 64-byte reports', async () => {
    const { createInProcessHidPair } = await import('../../drivers/transport/hid-pipe');
    const { IdReaderSimulator } = await import('../../simulators/id-reader/simulator');
    const pair = createInProcessHidPair('probe-hid');
    const reader = new IdReaderSimulator(pair.device, { card: null });
    try {
      const report = await probePorts([{ path: '/dev/hidraw7', transport: 'hid', source: 'hidraw' }], { open: async () => pair.host });
      expect(report.devices.idReader).toMatchObject({ transport: 'hid', path: '/dev/hidraw7', baudRate: null, identity: { sw3: 0x90 } });
      // One command went across, in one report: read SAM ID (no printer or unit bytes on a HID link).
      const sent = pair.reports.filter((r) => r.direction === 'host-to-device');
      expect(sent).toHaveLength(1);
      expect(Buffer.from(sent[0]!.report).indexOf(Buffer.from('aaaaaa9669000312ffee', 'hex'))).toBeGreaterThanOrEqual(0);
    } finally {
      await reader.close();
    }
  });
});
