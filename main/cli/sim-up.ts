/**
 * `kiosk sim up`: the three serial devices of a kiosk as simulators on socat pty pairs, plus the
 * technician control panel. Prints one JSON line with the kiosk-side ports and the panel address
 * as soon as everything runs, keeps running until stopped, then cleans up and returns a summary.
 */
import { join } from 'node:path';
import type { BytePipe } from '../../drivers/transport/byte-pipe';
import { resolveDataDir } from '../../kiosk-config/load';
import { CentralSimulator } from '../../simulators/central/server';
import { openSerialPipe } from '../../drivers/transport/serial-port-pipe';
import { type CliContext, CliError, numberOption } from './cli-types';
import { cardOption } from './devices/id-reader';
import { type BenchDeviceOptions, type BenchDevices, createBenchDevices } from './sim-panel/bench-devices';
import { type PtyPair, startPtyPair } from '../../simulators/pty-pair';
import { type PanelServer, startPanelServer } from './sim-panel/server';

export interface SimulatorPortMap {
  readonly 'id-reader': string;
  readonly printer: string;
  readonly 'certificate-unit': string;
  readonly panel: string;
  /** The central simulator's base URL, when one runs (what `kiosk provision --central` takes). */
  readonly central?: string;
}

export interface RunningSimulators {
  readonly ports: SimulatorPortMap;
  readonly devices: BenchDevices;
  /** Stops the panel, closes the simulator ends and stops socat. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts socat pairs, simulators and the panel. Everything started is undone if a step fails. */
export async function startSimulators(
  options: {
    readonly card?: string | null;
    readonly panelPort?: number;
    readonly baudRate?: number;
    readonly certificateUnitTiming?: BenchDeviceOptions['certificateUnitTiming'];
    /** Also a central simulator on its own SQLite file (enrolment codes, records), on `port` or a free one. */
    readonly central?: { readonly dbFile: string; readonly port?: number };
  } = {},
): Promise<RunningSimulators> {
  const ptys: PtyPair[] = [];
  const pipes: BytePipe[] = [];
  let panel: PanelServer | undefined;
  let central: CentralSimulator | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await panel?.close();
      await central?.stop().catch(() => undefined);
      for (const pipe of pipes) await pipe.close().catch(() => undefined);
      await Promise.all(ptys.map((pty) => pty.stop()));
    })();
    return stopped;
  };
  try {
    for (let i = 0; i < 3; i++) ptys.push(await startPtyPair());
    const [reader, printer, unit] = ptys as [PtyPair, PtyPair, PtyPair];
    const baudRate = options.baudRate ?? 115200;
    for (const pty of ptys) pipes.push(await openSerialPipe({ path: pty.paths[0], baudRate }));
    const [readerPipe, printerPipe, unitPipe] = pipes as [BytePipe, BytePipe, BytePipe];
    const devices = createBenchDevices(
      { idReader: readerPipe, printer: printerPipe, certificateUnit: unitPipe },
      {
        ...(options.card === undefined ? {} : { card: options.card }),
        ...(options.certificateUnitTiming ? { certificateUnitTiming: options.certificateUnitTiming } : {}),
      },
    );
    const kioskSide = {
      'id-reader': reader.paths[1],
      printer: printer.paths[1],
      'certificate-unit': unit.paths[1],
    };
    let centralUrl: string | undefined;
    if (options.central) {
      central = new CentralSimulator({ dbFile: options.central.dbFile, secrets: {}, ...(options.central.port === undefined ? {} : { port: options.central.port }) });
      centralUrl = await central.start();
    }
    const panelDevices = central ? { ...devices, central } : devices;
    const shown = centralUrl === undefined ? kioskSide : { ...kioskSide, central: centralUrl };
    panel = await startPanelServer(panelDevices, shown, options.panelPort === undefined ? {} : { port: options.panelPort });
    return { ports: { ...kioskSide, panel: panel.url, ...(centralUrl === undefined ? {} : { central: centralUrl }) }, devices, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The CLI command. `announce` receives the one-line port map (stdout by default: the command runs
 * until stopped, so the map cannot wait for the final result).
 */
export async function simulateAll(
  context: CliContext,
  announce: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<unknown> {
  const card = cardOption(context.options);
  const panelPort = context.options['panel-port'] === undefined ? undefined : numberOption(context.options, 'panel-port', 0);
  const centralPort = context.options['central-port'] === undefined ? undefined : numberOption(context.options, 'central-port', 0);
  // The same file as the embedded central of `npm start`: codes issued by `kiosk sim code` are there.
  const central = { dbFile: centralDbFile(), ...(centralPort === undefined ? {} : { port: centralPort }) };
  let running: RunningSimulators;
  try {
    running = await startSimulators({ card, central, ...(panelPort === undefined ? {} : { panelPort }) });
  } catch (error) {
    throw new CliError('start_failed', error instanceof Error ? error.message : String(error));
  }
  const started = Date.now();
  announce(JSON.stringify(running.ports));
  context.progress(`simulators running; technician panel at ${running.ports.panel}; central simulator at ${running.ports.central ?? '-'}; Ctrl-C stops them`);
  await new Promise<void>((resolve) => {
    if (context.signal.aborted) return resolve();
    context.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const { idReader, printer, certificateUnit } = running.devices;
  const summary = {
    stopped: true,
    ranForSeconds: Math.round((Date.now() - started) / 1000),
    ports: running.ports,
    idReader: { card: idReader.state.card, fault: idReader.state.fault.kind },
    printer: { jobs: printer.jobs.length, printed: printer.jobs.filter((job) => job.complete).length, paper: printer.state.paper },
    certificateUnit: { location: certificateUnit.state.location, retainCount: certificateUnit.state.retainCount },
  };
  await running.stop();
  return summary;
}

/** The central simulator's file in the data folder (`KIOSK_DATA_DIR`), shared by `sim up`, `sim code` and `npm start`. */
export function centralDbFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(resolveDataDir(env), 'central-sim.sqlite');
}
