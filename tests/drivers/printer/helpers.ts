/** Shared set-up for the printer tests: a simulator, a driver on it, and sample receipts. */
import { feed, qr, type ReceiptDocument, receipt, text } from '../../../drivers/printer/document';
import { PrinterDriver, type PrinterDriverOptions } from '../../../drivers/printer/driver';
import type { PrinterStatus } from '../../../drivers/printer/types';
import { PrinterSimulator } from '../../../simulators/printer/simulator';
import { simulatedPrinterOpener } from '../../../simulators/printer/simulated-opener';

/** Short enough to keep tests fast, long enough for setImmediate-paced in-process replies. */
/** The short status timeout of the tests that are about timeouts (pass it explicitly). */
export const TEST_STATUS_TIMEOUT_MS = 40;

/**
 * Lets the in-process cable carry what was written: each chunk crosses on a loop turn and an
 * answer to it on the next. Turns, not a wall-clock wait, which a loaded machine overruns.
 */
export async function loopTurns(count = 4): Promise<void> {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
}
/**
 * Every other test: long enough that a loaded CI machine never turns a healthy simulator's
 * answer into "offline", short enough to fail quickly if the printer really is silent.
 */
const REPLY_TIMEOUT_MS = 1000;

/** Deterministic randomness (mulberry32) so garbage replies are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function setUpPrinter(options: { maxChunk?: number; driver?: PrinterDriverOptions } = {}): {
  simulator: PrinterSimulator;
  driver: PrinterDriver;
  statusEvents: PrinterStatus[];
  opens: () => number;
} {
  const simulator = new PrinterSimulator({ random: seededRandom(42) });
  const open = simulatedPrinterOpener(simulator, { maxChunk: options.maxChunk ?? 4096 });
  let opens = 0;
  const driver = new PrinterDriver(
    () => {
      opens += 1;
      return open();
    },
    { statusTimeoutMs: REPLY_TIMEOUT_MS, ...options.driver },
  );
  const statusEvents: PrinterStatus[] = [];
  driver.onStatusChange((status) => statusEvents.push(status));
  return { simulator, driver, statusEvents, opens: () => opens };
}

export function sampleReceipt(reference = 'TB-2024-000123'): ReceiptDocument {
  return receipt([
    text('通办 自助终端', { align: 'centre', bold: true, doubleSize: true }),
    text('出入境业务受理回执', { align: 'centre' }),
    feed(1),
    text(`受理编号 Reference: ${reference}`),
    text('办理时间: 2024-05-01 10:20:30'),
    text('请妥善保管本回执', { align: 'right', bold: true }),
    qr(`https://tongban.example.cn/r/${reference}`, { moduleSize: 5, errorCorrection: 'Q' }),
  ]);
}
