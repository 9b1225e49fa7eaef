/**
 * Port probing: how long identifying each kind of device takes (simulators over in-process pipes,
 * no device delay), how long a silent port costs (the contract's time limits, waited out at each
 * baud rate), and twelve ports (three devices, nine silent) probed four at a time. What a field
 * engineer waits for is dominated by silent ports; the first three numbers show the host's own share.
 */
import { createInProcessPipePair } from '../../drivers/transport/in-process-pipe';
import type { BytePipe } from '../../drivers/transport/byte-pipe';
import type { PortCandidate } from '../../kiosk-config/probe/candidates';
import { probePort, probePorts } from '../../kiosk-config/probe/probe';
import { CertificateUnitSimulator, ZERO_TIMING } from '../../simulators/certificate-unit/simulator';
import { IdReaderSimulator } from '../../simulators/id-reader/simulator';
import { PrinterSimulator } from '../../simulators/printer/simulator';
import { medianAndP95, runIfMain } from './stats';

const RUNS = 20;
type Kind = 'printer' | 'idReader' | 'certificateUnit' | 'silent';

/** A fresh device end for every open, as a port re-opened at another baud rate would be. */
function openerFor(kind: Kind): { open: () => Promise<BytePipe>; close: () => Promise<void> } {
  const closers: Array<() => Promise<void>> = [];
  const open = async () => {
    const pair = createInProcessPipePair(`probe-bench-${kind}`);
    if (kind === 'printer') new PrinterSimulator().attach(pair.device);
    if (kind === 'idReader') {
      const sim = new IdReaderSimulator(pair.device, { card: null });
      closers.push(() => sim.close());
    }
    if (kind === 'certificateUnit') {
      const sim = new CertificateUnitSimulator({ timing: ZERO_TIMING });
      sim.attach(pair.device);
      closers.push(() => sim.close());
    }
    return pair.host;
  };
  return { open, close: async () => void (await Promise.all(closers.map((close) => close()))) };
}

async function timeOne(kind: Kind): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < (kind === 'silent' ? 3 : RUNS); run++) {
    const { open, close } = openerFor(kind);
    const started = performance.now();
    const verdict = await probePort({ path: kind, transport: 'serial', source: 'given' }, { open });
    times.push(performance.now() - started);
    await close();
    const expected = kind === 'silent' ? 'unknown' : 'identified';
    if (verdict.outcome !== expected) throw new Error(`${kind}: ${verdict.outcome}, not ${expected}`);
  }
  return times;
}

export async function bench(): Promise<Record<string, number>> {
  const printer = await timeOne('printer');
  const reader = await timeOne('idReader');
  const unit = await timeOne('certificateUnit');
  const silent = await timeOne('silent');
  const kinds: Kind[] = ['printer', 'idReader', 'certificateUnit', ...Array.from({ length: 9 }, () => 'silent' as const)];
  const openers = kinds.map(openerFor);
  const candidates: PortCandidate[] = kinds.map((kind, i) => ({ path: `${kind}-${i}`, transport: 'serial', source: 'given' }));
  const started = performance.now();
  const report = await probePorts(candidates, { concurrency: 4, open: (candidate) => openers[candidates.indexOf(candidate)]!.open() });
  const twelve = performance.now() - started;
  await Promise.all(openers.map((opener) => opener.close()));
  if (report.missing.length > 0) throw new Error(`twelve ports: missing ${report.missing.join(', ')}`);
  return {
    ...medianAndP95('probe.printerMs', printer),
    ...medianAndP95('probe.idReaderMs', reader),
    ...medianAndP95('probe.certificateUnitMs', unit),
    ...medianAndP95('probe.silentPortMs', silent),
    'probe.twelvePortsBy4Ms': Math.round(twelve),
  };
}

runIfMain(import.meta.url, bench);
