import { afterEach, describe, expect, it } from 'vitest';
import { PrinterDriver } from '../../../drivers/printer/driver';
import type { BytePipe } from '../../../drivers/transport/byte-pipe';
import { openSerialPipe } from '../../../drivers/transport/serial-port-pipe';
import { CliError } from '../../../main/cli/cli-types';
import { printerCommands, simulatePrinter, testReceipt } from '../../../main/cli/devices/printer';
import { PrinterSimulator } from '../../../simulators/printer/simulator';
import { sampleReceipt } from './helpers';
import { type PtyPair, startPtyPair } from '../../../simulators/pty-pair';
import { recordingCliContext } from '../../support/cli-context';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function ptyPair(): Promise<{ readonly a: string; readonly b: string }> {
  const pair: PtyPair = await startPtyPair();
  cleanups.push(() => pair.stop());
  return { a: pair.paths[0], b: pair.paths[1] };
}

const cliContext = recordingCliContext;

describe('printer over a real pty pair (socat)', () => {
  it('the simulator on one end receives exactly the document the driver printed on the other', async () => {
    const pty = await ptyPair();
    const simulator = new PrinterSimulator();
    const devicePipe: BytePipe = await openSerialPipe({ path: pty.a });
    cleanups.push(() => devicePipe.close());
    simulator.attach(devicePipe);
    const driver = new PrinterDriver(() => openSerialPipe({ path: pty.b, baudRate: 115200 }), { statusTimeoutMs: 500 });
    cleanups.push(() => driver.close());

    simulator.nearEnd();
    expect(await driver.getStatus()).toMatchObject({ status: 'online', paper: 'near-end', coverOpen: false });
    const result = await driver.print(sampleReceipt('TB-PTY-1'));
    expect(result).toMatchObject({ ok: true, statusAfter: { paper: 'near-end' } });
    expect(simulator.jobs).toHaveLength(1);
    expect(simulator.jobs[0]).toMatchObject({ complete: true, warnings: [], discardedBytes: 0 });
    expect(simulator.jobs[0]?.document).toEqual(sampleReceipt('TB-PTY-1'));

    simulator.setCoverOpen(true);
    expect(await driver.print(sampleReceipt('TB-PTY-2'))).toMatchObject({ ok: false, reason: 'cover-open' });
    expect(simulator.jobs).toHaveLength(1);
  });

  it('CLI: `sim printer` on one end, `device printer status` and `print-test` on the other', async () => {
    const pty = await ptyPair();
    const stop = new AbortController();
    const simContext = cliContext({ port: pty.a }, stop.signal);
    const running = simulatePrinter(simContext);
    cleanups.push(async () => {
      stop.abort();
      await running.catch(() => undefined);
    });
    // Wait for the simulator to be listening before talking to it.
    for (let tries = 0; tries < 100 && simContext.lines.length === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const status = await printerCommands.status!(cliContext({ port: pty.b }));
    expect(status).toMatchObject({ port: pty.b, status: 'online', paper: 'ok', coverOpen: false });
    const printed = await printerCommands['print-test']!(cliContext({ port: pty.b, baud: '115200' }));
    expect(printed).toMatchObject({ printed: true, status: { status: 'online' } });

    stop.abort();
    const summary = await running;
    expect(summary).toMatchObject({ stoppedBy: 'signal', jobs: 1, printed: 1 });
    expect(simContext.lines.some((line) => line.includes('通办 自助终端 测试页'))).toBe(true);
    expect(simContext.lines.some((line) => line.includes('[QR M x6: TONGBAN-PRINT-TEST'))).toBe(true);
  });

  it('CLI: print-test on a printer without paper fails with paper_out; status says out', async () => {
    const pty = await ptyPair();
    const stop = new AbortController();
    const simContext = cliContext({ port: pty.a, paper: 'out' }, stop.signal);
    const running = simulatePrinter(simContext);
    cleanups.push(async () => {
      stop.abort();
      await running.catch(() => undefined);
    });
    for (let tries = 0; tries < 100 && simContext.lines.length === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await printerCommands.status!(cliContext({ port: pty.b }))).toMatchObject({ status: 'user-error', paper: 'out' });
    const failure = await printerCommands['print-test']!(cliContext({ port: pty.b })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).code).toBe('paper_out');
  });

  it('CLI: a port that does not exist is open_failed; a missing --port is usage', async () => {
    const missing = await printerCommands.status!(cliContext({ port: '/dev/does-not-exist-printer' })).catch(
      (error: unknown) => error,
    );
    expect(missing).toBeInstanceOf(CliError);
    expect((missing as CliError).code).toBe('open_failed');
    const usage = await printerCommands.status!(cliContext({})).catch((error: unknown) => error);
    expect((usage as CliError).code).toBe('usage');
  });

  it('the test receipt is a valid document with Chinese text, a QR code and a cut', () => {
    const document = testReceipt(new Date('2024-05-01T00:00:00Z'));
    const kinds = document.elements.map((element) => element.kind);
    expect(kinds).toContain('qr');
    expect(kinds.at(-1)).toBe('cut');
    expect(document.elements[0]).toMatchObject({ kind: 'text', text: '通办 自助终端 测试页' });
  });
});
