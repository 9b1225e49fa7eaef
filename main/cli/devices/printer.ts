/**
 * Technician commands for the receipt printer (`kiosk device printer status|print-test`) and
 * the printer simulator on a serial device (`kiosk sim printer --port PATH`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PrinterDriver } from '../../../drivers/printer/driver';
import { feed, type ReceiptDocument, qr, receipt, text } from '../../../drivers/printer/document';
import type { PrintFailureReason } from '../../../drivers/printer/types';
import type { BytePipe, PipeOpener } from '../../../drivers/transport/byte-pipe';
import { openSerialPipe } from '../../../drivers/transport/serial-port-pipe';
import { PrinterSimulator, renderSvg, renderText, type SimulatedPaper } from '../../../simulators/printer/index';
import { type CliCommandGroup, type CliContext, CliError, type CliOptions, numberOption, requireOption } from '../cli-types';

interface SerialTarget {
  readonly path: string;
  readonly baudRate: number;
}

function serialTarget(options: CliOptions): SerialTarget {
  return { path: requireOption(options, 'port'), baudRate: numberOption(options, 'baud', 115200) };
}

/** An opener that remembers why opening failed, since the driver reports only `open-failed`. */
function rememberingOpener(target: SerialTarget): { opener: PipeOpener; lastError: () => string | undefined } {
  let lastError: string | undefined;
  const opener: PipeOpener = async () => {
    try {
      return await openSerialPipe(target);
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      throw error;
    }
  };
  return { opener, lastError: () => lastError };
}

async function withDriver<T>(
  context: CliContext,
  run: (driver: PrinterDriver, openError: () => string | undefined) => Promise<T>,
): Promise<T> {
  const target = serialTarget(context.options);
  const { opener, lastError } = rememberingOpener(target);
  const driver = new PrinterDriver(opener, { statusTimeoutMs: numberOption(context.options, 'timeout', 500) });
  try {
    return await run(driver, lastError);
  } finally {
    await driver.close();
  }
}

/** CLI error codes for print failures (stable, snake_case like the rest of the CLI). */
export function cliCodeFor(reason: PrintFailureReason): string {
  switch (reason) {
    case 'invalid-document':
      return 'invalid_document';
    case 'offline':
      return 'offline';
    case 'paper-out':
      return 'paper_out';
    case 'cover-open':
      return 'cover_open';
    case 'hardware-error':
      return 'hardware_error';
    case 'garbage-reply':
      return 'garbage';
    case 'timeout':
      return 'timeout';
    case 'disconnected':
      return 'disconnected';
    default: {
      const unreachable: never = reason;
      return unreachable;
    }
  }
}

export function testReceipt(now: Date): ReceiptDocument {
  const stamp = now.toISOString();
  return receipt([
    text('通办 自助终端 测试页', { align: 'centre', bold: true, doubleSize: true }),
    text('Tongban kiosk printer test', { align: 'centre' }),
    feed(1),
    text(`时间 Time: ${stamp}`),
    text('左对齐 left'),
    text('居中 centre', { align: 'centre' }),
    text('右对齐 right', { align: 'right' }),
    text('粗体 bold', { bold: true }),
    qr(`TONGBAN-PRINT-TEST ${stamp}`, { moduleSize: 6, errorCorrection: 'M' }),
    text('扫码核对 Scan to check', { align: 'centre' }),
  ]);
}

export const printerCommands: CliCommandGroup = {
  status: (context) =>
    withDriver(context, async (driver, openError) => {
      const status = await driver.getStatus();
      if (status.fault === 'open-failed') throw new CliError('open_failed', openError() ?? 'cannot open the port');
      return { port: context.options.port, ...status };
    }),

  'print-test': (context) =>
    withDriver(context, async (driver, openError) => {
      const document = testReceipt(new Date());
      context.progress('printing a test receipt...');
      const result = await driver.print(document);
      if (result.ok) return { printed: true, bytesSent: result.bytesSent, status: result.statusAfter };
      if (result.status.fault === 'open-failed') {
        throw new CliError('open_failed', openError() ?? 'cannot open the port');
      }
      throw new CliError(cliCodeFor(result.reason), `${result.message} (job ${result.sent ? 'sent' : 'not sent'})`);
    }),
};

const PAPER_LEVELS: readonly SimulatedPaper[] = ['ok', 'near-end', 'out'];

/** Runs the printer simulator on an existing serial device until the context is aborted. */
export async function simulatePrinter(context: CliContext): Promise<unknown> {
  const target = serialTarget(context.options);
  const paper = context.options.paper ?? 'ok';
  const svgDir = context.options['svg-dir'];
  const level = PAPER_LEVELS.find((candidate) => candidate === paper);
  if (level === undefined) throw new CliError('usage', `--paper must be one of ${PAPER_LEVELS.join(', ')}`);
  const simulator = new PrinterSimulator();
  simulator.setPaper(level);
  simulator.setCoverOpen(context.options['cover-open'] === true);

  let pipe: BytePipe;
  try {
    pipe = await openSerialPipe(target);
  } catch (error) {
    throw new CliError('open_failed', error instanceof Error ? error.message : String(error));
  }
  const writes: Promise<void>[] = [];
  simulator.onJob((job) => {
    const number = simulator.jobs.length;
    context.progress(`job ${number}: ${job.complete ? 'printed' : `incomplete (${job.endedBy})`}, ${job.receivedBytes} bytes`);
    for (const line of renderText(job.document).split('\n')) context.progress(line);
    if (typeof svgDir === 'string') {
      writes.push(
        mkdir(svgDir, { recursive: true })
          .then(() => writeFile(join(svgDir, `job-${number}.svg`), renderSvg(job.document)))
          .catch((error: unknown) => context.progress(`cannot write SVG: ${String(error)}`)),
      );
    }
  });
  simulator.attach(pipe);
  context.progress(`printer simulator listening on ${pipe.description}`);

  const portLost = await new Promise<boolean>((resolve) => {
    if (context.signal.aborted) return resolve(false);
    context.signal.addEventListener('abort', () => resolve(false), { once: true });
    pipe.onClose((error) => {
      if (error) resolve(true);
    });
  });
  await pipe.close();
  await Promise.all(writes);
  const jobs = simulator.jobs;
  return {
    port: target.path,
    stoppedBy: portLost ? 'port-closed' : 'signal',
    jobs: jobs.length,
    printed: jobs.filter((job) => job.complete).length,
    state: simulator.state,
  };
}
