/**
 * The receipt printer driver: one operation at a time, DLE EOT status around every job,
 * lazy reconnection through the PipeOpener, and typed results instead of exceptions.
 */
import { type BytePipe, Listeners, type PipeOpener } from '../transport/byte-pipe';
import { type Clock, delay, systemClock } from '../common/clock';
import type { StatusReporting } from '../common/device-status';
import { decodeStatusReply, encodeDocument, statusRequest } from './codec';
import { checkDocument, type ReceiptDocument } from './document';
import { ReplyReader } from './reply-reader';
import { composeStatus, failureReasonFor, sameStatus, unreadableStatus } from './status-mapping';
import {
  type PrinterStatus,
  type PrintFailure,
  type PrintFailureReason,
  printFailureMessageKey,
  type PrintResult,
  type StatusFault,
  type StatusListener,
  type StatusReply,
  type StatusRequest,
} from './types';

export interface PrinterDriverOptions {
  /** No reply within this time means offline (the contract says 500 ms). */
  readonly statusTimeoutMs?: number;
  /** Requests re-sent after a reply with broken fixed bits (line noise) before giving up. */
  readonly garbageRetries?: number;
  /**
   * Wait between sending the job and asking the status after the cut. The printer answers DLE
   * EOT while still printing, so a slow mechanism may need this to see a paper-out in time.
   */
  readonly afterJobDelayMs?: number;
  readonly clock?: Clock;
}

type ReplyFor<N extends StatusRequest> = Extract<StatusReply, { n: N }>;
type QueryResult<N extends StatusRequest> =
  | { readonly ok: true; readonly reply: ReplyFor<N> }
  | { readonly ok: false; readonly fault: StatusFault };

function isReplyFor<N extends StatusRequest>(reply: StatusReply, n: N): reply is ReplyFor<N> {
  return reply.n === n;
}

export class PrinterDriver implements StatusReporting<PrinterStatus> {
  readonly #opener: PipeOpener;
  readonly #clock: Clock;
  readonly #statusTimeoutMs: number;
  readonly #garbageRetries: number;
  readonly #afterJobDelayMs: number;
  readonly #reader: ReplyReader;
  readonly #listeners = new Listeners<[PrinterStatus, PrinterStatus]>();
  #pipe: BytePipe | undefined;
  #detach: (() => void)[] = [];
  #queue: Promise<unknown> = Promise.resolve();
  #status: PrinterStatus;
  /** Prints queued or running: the kiosk sees the printer as busy until they finish. */
  #printsPending = 0;
  #lastFailedJob: ReceiptDocument | undefined;

  constructor(opener: PipeOpener, options: PrinterDriverOptions = {}) {
    this.#opener = opener;
    this.#clock = options.clock ?? systemClock;
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 500;
    this.#garbageRetries = options.garbageRetries ?? 1;
    this.#afterJobDelayMs = options.afterJobDelayMs ?? 0;
    this.#reader = new ReplyReader(this.#clock);
    this.#status = unreadableStatus('not-checked', this.#clock.now());
  }

  /** The last reading, without asking the printer; `busy` while a print is queued or running. */
  get status(): PrinterStatus {
    return this.#printsPending > 0 && this.#status.status === 'online' ? { ...this.#status, status: 'busy' } : this.#status;
  }

  /** The last job that did not print, kept so it can be printed again (see reprintLastFailed). */
  get lastFailedJob(): ReceiptDocument | undefined {
    return this.#lastFailedJob;
  }

  onStatusChange(listener: StatusListener): () => void {
    return this.#listeners.add(listener);
  }

  /** Asks the printer (DLE EOT 1..4). Never throws: no answer in time reads as offline. */
  getStatus(): Promise<PrinterStatus> {
    return this.#enqueue(() => this.#readStatus());
  }

  /** Retry hook for a periodic timer in the host: reopens the link if it is gone, then reads status. */
  reconnect(): Promise<PrinterStatus> {
    return this.getStatus();
  }

  print(document: ReceiptDocument): Promise<PrintResult> {
    const check = checkDocument(document);
    if (!check.ok) {
      return Promise.resolve(this.#failure('invalid-document', check.message, document, false, this.#status));
    }
    this.#printsPending += 1;
    return this.#enqueue(async () => {
      try {
        return await this.#printJob(document);
      } finally {
        this.#printsPending -= 1;
      }
    });
  }

  /** Prints the kept failed job again; undefined when there is none. */
  async reprintLastFailed(): Promise<PrintResult | undefined> {
    const job = this.#lastFailedJob;
    return job === undefined ? undefined : this.print(job);
  }

  /** Releases the port after the operation in flight; a later operation opens it again. */
  close(): Promise<void> {
    return this.#enqueue(async () => {
      const pipe = this.#pipe;
      this.#release();
      await pipe?.close().catch(() => undefined);
    });
  }

  #enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(operation, operation);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #printJob(document: ReceiptDocument): Promise<PrintResult> {
    const before = await this.#readStatus();
    const refusal = failureReasonFor(before, 'before');
    if (refusal !== undefined) {
      return this.#failure(refusal, `printer not ready: ${describe(before)}`, document, false, before);
    }
    const bytes = encodeDocument(document);
    const pipe = this.#pipe;
    try {
      if (!pipe) throw new Error('link closed');
      await pipe.write(bytes);
    } catch (error) {
      const status = this.#update(unreadableStatus('disconnected', this.#clock.now()));
      return this.#failure('disconnected', `job not sent: ${String(error)}`, document, true, status);
    }
    if (this.#afterJobDelayMs > 0) await delay(this.#clock, this.#afterJobDelayMs);
    const after = await this.#readStatus();
    const failure = failureReasonFor(after, 'after');
    if (failure !== undefined) {
      return this.#failure(failure, `job sent but not confirmed printed: ${describe(after)}`, document, true, after);
    }
    if (this.#lastFailedJob === document) this.#lastFailedJob = undefined;
    return { ok: true, bytesSent: bytes.length, statusAfter: after };
  }

  #failure(
    reason: PrintFailureReason,
    message: string,
    job: ReceiptDocument,
    sent: boolean,
    status: PrinterStatus,
  ): PrintFailure {
    if (reason !== 'invalid-document') this.#lastFailedJob = job;
    return { ok: false, reason, message, messageKey: printFailureMessageKey(reason), job, sent, status };
  }

  async #readStatus(): Promise<PrinterStatus> {
    try {
      const pipe = await this.#ensurePipe();
      if (!pipe) return this.#update(unreadableStatus('open-failed', this.#clock.now()));
      const printer = await this.#query(pipe, 1);
      if (!printer.ok) return this.#update(unreadableStatus(printer.fault, this.#clock.now()));
      const offlineCause = await this.#query(pipe, 2);
      if (!offlineCause.ok) return this.#update(unreadableStatus(offlineCause.fault, this.#clock.now()));
      const errorCause = await this.#query(pipe, 3);
      if (!errorCause.ok) return this.#update(unreadableStatus(errorCause.fault, this.#clock.now()));
      const paperSensor = await this.#query(pipe, 4);
      if (!paperSensor.ok) return this.#update(unreadableStatus(paperSensor.fault, this.#clock.now()));
      const replies = {
        printer: printer.reply,
        offlineCause: offlineCause.reply,
        errorCause: errorCause.reply,
        paperSensor: paperSensor.reply,
      };
      return this.#update(composeStatus(replies, this.#clock.now()));
    } catch {
      // Nothing below should throw; if it does, the printer is unusable, not the kiosk.
      return this.#update(unreadableStatus('disconnected', this.#clock.now()));
    }
  }

  async #query<N extends StatusRequest>(pipe: BytePipe, n: N): Promise<QueryResult<N>> {
    for (let attempt = 0; ; attempt += 1) {
      this.#reader.clear();
      try {
        await pipe.write(statusRequest(n));
      } catch {
        return { ok: false, fault: 'disconnected' };
      }
      const byte = await this.#reader.next(this.#statusTimeoutMs);
      if (byte === undefined) return { ok: false, fault: pipe.isOpen ? 'no-reply' : 'disconnected' };
      const decoded = decodeStatusReply(n, byte);
      if (decoded.ok && isReplyFor(decoded.value, n)) return { ok: true, reply: decoded.value };
      if (attempt >= this.#garbageRetries) return { ok: false, fault: 'garbage-reply' };
    }
  }

  async #ensurePipe(): Promise<BytePipe | undefined> {
    if (this.#pipe?.isOpen) return this.#pipe;
    this.#release();
    let pipe: BytePipe;
    try {
      pipe = await this.#opener();
    } catch {
      return undefined;
    }
    this.#pipe = pipe;
    this.#detach = [
      pipe.onData((chunk) => this.#reader.push(chunk)),
      pipe.onClose(() => {
        if (this.#pipe !== pipe) return;
        // Unplugged (or closed by the far end): report offline now, reopen on the next operation.
        this.#release();
        this.#update(unreadableStatus('disconnected', this.#clock.now()));
      }),
    ];
    return pipe;
  }

  #release(): void {
    for (const detach of this.#detach) detach();
    this.#detach = [];
    this.#pipe = undefined;
    this.#reader.abort();
    this.#reader.clear();
  }

  #update(status: PrinterStatus): PrinterStatus {
    const previous = this.#status;
    this.#status = status;
    if (!sameStatus(previous, status)) this.#listeners.emit(status, previous);
    return status;
  }
}

function describe(status: PrinterStatus): string {
  const parts = [status.status, `paper ${status.paper}`];
  if (status.coverOpen) parts.push('cover open');
  if (status.errors.length > 0) parts.push(`errors ${status.errors.join(',')}`);
  if (status.fault) parts.push(`fault ${status.fault}`);
  return parts.join(', ');
}
