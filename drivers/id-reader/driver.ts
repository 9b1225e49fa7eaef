import type { BytePipe, PipeOpener } from '../transport/byte-pipe';
import { Listeners } from '../transport/byte-pipe';
import type { DecodedCard } from './card';
import { encodeCommand, FrameScanner, parseResponse, type ResponseFrame, toHex } from './codec';
import { Command, type CommandName, describeResult, ResultCode } from './commands';
import { decodeTextBlock, TEXT_BLOCK_LENGTH, TextBlockError } from './text-block';
import type { CardReadResult, IdReaderFailure, IdReaderResult, IdReaderStatus, ReadCardOptions } from './types';

export interface IdReaderTimeouts {
  /** find/select answer within 100-200 ms on real readers. */
  readonly findMs: number;
  /** read text + photo within 2 s. */
  readonly readMs: number;
  /** read with fingerprints within 3 s. */
  readonly readFingerprintMs: number;
}

export const defaultIdReaderTimeouts: IdReaderTimeouts = { findMs: 500, readMs: 2500, readFingerprintMs: 3500 };

export interface IdReaderDriverOptions {
  readonly timeouts?: Partial<IdReaderTimeouts>;
}

export interface WaitForCardOptions {
  readonly signal?: AbortSignal;
  readonly pollIntervalMs?: number;
}

const PHOTO_LENGTH = 1024;
const FINGERPRINT_LENGTH = 1024;

const fail = (reason: IdReaderFailure['reason'], message: string, sw3?: number): IdReaderFailure =>
  sw3 === undefined ? { ok: false, reason, message } : { ok: false, reason, message, sw3 };

/**
 * Drives a GA 467 reader over any byte pipe. One command is in flight at a time; every command
 * has a timeout, so a silent or half-sent reply never hangs the kiosk. The pipe is opened lazily
 * and reopened after it closes, so unplugging and replugging the reader heals by itself.
 */
export class IdReaderDriver {
  readonly #open: PipeOpener;
  readonly #timeouts: IdReaderTimeouts;
  readonly #statusListeners = new Listeners<[IdReaderStatus]>();
  #pipe: BytePipe | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #status: IdReaderStatus = { status: 'offline', card: 'unknown', detail: 'not connected yet' };

  constructor(open: PipeOpener, options: IdReaderDriverOptions = {}) {
    this.#open = open;
    this.#timeouts = { ...defaultIdReaderTimeouts, ...options.timeouts };
  }

  get status(): IdReaderStatus {
    return this.#status;
  }

  onStatusChange(listener: (status: IdReaderStatus) => void): () => void {
    return this.#statusListeners.add(listener);
  }

  /** Asks the SAM for its status; reconnects if needed. Never throws. */
  async getStatus(): Promise<IdReaderStatus> {
    await this.#exclusive(() => this.#transact('samStatus', this.#timeouts.findMs));
    return this.#status;
  }

  /** Reads the 16-byte SAM id, formatted as hex. */
  samId(): Promise<IdReaderResult<string>> {
    return this.#exclusive(async () => {
      const reply = await this.#transact('readSamId', this.#timeouts.findMs);
      if (!reply.ok) return reply;
      if (reply.value.sw3 !== ResultCode.success) return fail('sam-error', describeResult(reply.value.sw3), reply.value.sw3);
      return { ok: true, value: toHex(reply.value.data).replaceAll(' ', '') };
    });
  }

  /** One find-card poll: true when a card lies on the reader. */
  findCard(): Promise<IdReaderResult<boolean>> {
    return this.#exclusive(async () => {
      const reply = await this.#transact('findCard', this.#timeouts.findMs);
      if (!reply.ok) return reply;
      const present = reply.value.sw3 === ResultCode.findSuccess;
      if (!present && reply.value.sw3 !== ResultCode.noCard) {
        return fail('sam-error', describeResult(reply.value.sw3), reply.value.sw3);
      }
      this.#setStatus({ ...this.#status, card: present ? 'present' : 'absent' });
      return { ok: true, value: present };
    });
  }

  /** find -> select -> read, as the contract requires for every read. */
  readCard(options: ReadCardOptions = {}): Promise<CardReadResult> {
    return this.#exclusive(async () => {
      const found = await this.#transact('findCard', this.#timeouts.findMs);
      if (!found.ok) return found;
      if (found.value.sw3 === ResultCode.noCard) return fail('no-card', 'no card on the reader', found.value.sw3);
      if (found.value.sw3 !== ResultCode.findSuccess) return fail('sam-error', describeResult(found.value.sw3), found.value.sw3);
      const selected = await this.#transact('selectCard', this.#timeouts.findMs);
      if (!selected.ok) return selected;
      if (selected.value.sw3 !== ResultCode.success) {
        return fail('select-failed', describeResult(selected.value.sw3), selected.value.sw3);
      }
      const withFingerprints = options.withFingerprints === true;
      const read = await this.#transact(
        withFingerprints ? 'readTextPhotoFingerprint' : 'readTextPhoto',
        withFingerprints ? this.#timeouts.readFingerprintMs : this.#timeouts.readMs,
      );
      if (!read.ok) return read;
      if (read.value.sw3 !== ResultCode.success) {
        const reason = read.value.sw3 === ResultCode.unknownCardType ? 'unknown-card-type' : 'read-failed';
        return fail(reason, describeResult(read.value.sw3), read.value.sw3);
      }
      return decodeReadData(read.value.data, withFingerprints);
    });
  }

  /** Polls find-card until a card is present, the signal aborts, or the reader fails. */
  async waitForCard(options: WaitForCardOptions = {}): Promise<IdReaderResult<true>> {
    const interval = options.pollIntervalMs ?? 300;
    for (;;) {
      if (options.signal?.aborted) return fail('cancelled', 'waiting for a card was cancelled');
      const found = await this.findCard();
      if (!found.ok && found.reason !== 'timeout') return found;
      if (found.ok && found.value) return { ok: true, value: true };
      await abortableDelay(interval, options.signal);
    }
  }

  async close(): Promise<void> {
    const pipe = this.#pipe;
    this.#pipe = undefined;
    await pipe?.close();
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #setStatus(next: IdReaderStatus): void {
    const prev = this.#status;
    this.#status = next;
    if (prev.status !== next.status || prev.card !== next.card) this.#statusListeners.emit(next);
  }

  async #connect(): Promise<BytePipe | IdReaderFailure> {
    if (this.#pipe?.isOpen) return this.#pipe;
    try {
      const pipe = await this.#open();
      pipe.onClose((error) => {
        if (this.#pipe === pipe) this.#pipe = undefined;
        this.#setStatus({ status: 'offline', card: 'unknown', detail: error ? error.message : 'port closed' });
      });
      this.#pipe = pipe;
      return pipe;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#setStatus({ status: 'offline', card: 'unknown', detail: message });
      return fail('offline', message);
    }
  }

  /** Sends one command and waits for one valid reply frame, or times out. */
  async #transact(name: CommandName, timeoutMs: number): Promise<IdReaderResult<ResponseFrame>> {
    const pipe = await this.#connect();
    if (!('write' in pipe)) return pipe;
    const [cmd, para] = Command[name];
    const scanner = new FrameScanner();
    let unsubscribe = () => {};
    let unsubscribeClose = () => {};
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<IdReaderResult<ResponseFrame>>((resolve) => {
      timer = setTimeout(() => {
        const partial = scanner.pendingBytes > 0 ? ` (${scanner.pendingBytes} bytes of an unfinished frame)` : '';
        resolve(fail('timeout', `no complete reply to ${name} within ${timeoutMs} ms${partial}`));
      }, timeoutMs);
      unsubscribe = pipe.onData((chunk) => {
        const { frames } = scanner.push(chunk);
        // Frames with bad checksums or noise are skipped by the scanner: the reader's real reply
        // may still follow, and if not, the timeout answers.
        for (const body of frames) {
          const response = parseResponse(body);
          if (response) return resolve({ ok: true, value: response });
        }
      });
      unsubscribeClose = pipe.onClose((error) => resolve(fail('offline', error?.message ?? 'port closed')));
    });
    try {
      await pipe.write(encodeCommand(cmd, para));
      const result = await reply;
      if (result.ok) this.#setStatus({ ...this.#status, status: 'online', detail: null });
      else if (result.reason === 'timeout') this.#setStatus({ status: 'offline', card: 'unknown', detail: result.message });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#setStatus({ status: 'offline', card: 'unknown', detail: message });
      return fail('offline', message);
    } finally {
      clearTimeout(timer);
      unsubscribe();
      unsubscribeClose();
    }
  }
}

function decodeReadData(data: Uint8Array, withFingerprints: boolean): CardReadResult {
  const headerLength = withFingerprints ? 6 : 4;
  if (data.length < headerLength) return fail('bad-response', `read reply has only ${data.length} data bytes`);
  const textLength = (data[0]! << 8) | data[1]!;
  const photoLength = (data[2]! << 8) | data[3]!;
  const fingerprintLength = withFingerprints ? (data[4]! << 8) | data[5]! : 0;
  if (textLength !== TEXT_BLOCK_LENGTH || photoLength !== PHOTO_LENGTH) {
    return fail('bad-response', `unexpected block lengths: text ${textLength}, photo ${photoLength}`);
  }
  if (fingerprintLength !== 0 && fingerprintLength !== FINGERPRINT_LENGTH) {
    return fail('bad-response', `unexpected fingerprint length ${fingerprintLength}`);
  }
  const expected = headerLength + textLength + photoLength + fingerprintLength;
  if (data.length !== expected) return fail('bad-response', `read reply has ${data.length} data bytes, expected ${expected}`);
  const text = data.subarray(headerLength, headerLength + textLength);
  const photo = data.subarray(headerLength + textLength, headerLength + textLength + photoLength);
  const fingerprints = fingerprintLength ? data.subarray(headerLength + textLength + photoLength) : null;
  try {
    const card: DecodedCard = {
      ...decodeTextBlock(text),
      photoWlt: Buffer.from(photo).toString('base64'),
      fingerprints: fingerprints ? Buffer.from(fingerprints).toString('base64') : null,
    };
    return { ok: true, value: card };
  } catch (error) {
    if (error instanceof TextBlockError) return fail('unknown-card-type', error.message);
    throw error;
  }
}

function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
