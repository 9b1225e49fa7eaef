import type { StatusChangeListener, StatusReporting } from '../common/device-status';
import { afterPendingInput } from '../common/pending-input';
import type { BytePipe, PipeOpener } from '../transport/byte-pipe';
import { Listeners } from '../transport/byte-pipe';
import { encodeCommand, FrameScanner, parseResponse, type ResponseFrame, toHex } from './codec';
import { Command, type CommandName, describeResult, ResultCode } from './commands';
import { decodeReadReply } from './read-reply';
import { failureReasonFor, sw3Result } from './results';
import type {
  CardReadResult,
  DecodedPhoto,
  IdReaderFailure,
  IdReaderResult,
  IdReaderStatus,
  LinkProblem,
  ReadCardOptions,
  WltPhotoDecoder,
} from './types';

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
  /** A licensed WLT decoder; when given, a read card carries `photo`. The project ships none. */
  readonly photoDecoder?: WltPhotoDecoder;
}

export interface WaitForCardOptions {
  readonly signal?: AbortSignal;
  readonly pollIntervalMs?: number;
  /**
   * Consecutive unanswered polls before the wait gives up with `timeout`: a citizen in front of
   * a dead reader must be told so within seconds, not when the step's time runs out.
   */
  readonly maxSilentPolls?: number;
}

const fail = (
  reason: IdReaderFailure['reason'],
  message: string,
  extra: { readonly sw3?: number; readonly link?: LinkProblem } = {},
): IdReaderFailure => {
  const failure: { -readonly [K in keyof IdReaderFailure]: IdReaderFailure[K] } = { ok: false, reason, message };
  if (extra.sw3 !== undefined) {
    failure.sw3 = extra.sw3;
    failure.result = sw3Result(extra.sw3);
  }
  if (extra.link !== undefined) failure.link = extra.link;
  return failure;
};

/** A failure for an SW3 that is not the one the step expects. */
const failSw3 = (sw3: number): IdReaderFailure => fail(failureReasonFor(sw3Result(sw3)), describeResult(sw3), { sw3 });

/**
 * The device status a reply frame implies: hardware-error when the SW3 says the SAM is unusable.
 * Any other frame clears the detail: whatever went wrong before is over.
 */
function statusForSw3(sw3: number, card: IdReaderStatus['card']): IdReaderStatus {
  return failureReasonFor(sw3Result(sw3)) === 'sam-error'
    ? { status: 'hardware-error', card, detail: describeResult(sw3) }
    : { status: 'online', card };
}

/**
 * Drives a GA 467 reader over any byte pipe. One command is in flight at a time; every command
 * has a timeout, so a silent or half-sent reply never hangs the kiosk. The pipe is opened lazily
 * and reopened after it closes, so unplugging and replugging the reader heals by itself.
 * Nothing the reader sends can make it throw: every outcome is an IdReaderResult.
 */
export class IdReaderDriver implements StatusReporting<IdReaderStatus> {
  readonly #open: PipeOpener;
  readonly #timeouts: IdReaderTimeouts;
  readonly #photoDecoder: WltPhotoDecoder | undefined;
  readonly #statusListeners = new Listeners<[IdReaderStatus, IdReaderStatus]>();
  #pipe: BytePipe | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #status: IdReaderStatus = { status: 'offline', card: 'unknown', detail: 'not connected yet' };
  #closed = false;

  constructor(open: PipeOpener, options: IdReaderDriverOptions = {}) {
    this.#open = open;
    this.#timeouts = { ...defaultIdReaderTimeouts, ...options.timeouts };
    this.#photoDecoder = options.photoDecoder;
  }

  /** The last known status, without talking to the reader. */
  get status(): IdReaderStatus {
    return this.#status;
  }

  onStatusChange(listener: StatusChangeListener<IdReaderStatus>): () => void {
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
      if (reply.value.sw3 !== ResultCode.success) return failSw3(reply.value.sw3);
      return { ok: true, value: toHex(reply.value.data).replaceAll(' ', '') };
    });
  }

  /** One find-card poll: true when a card lies on the reader. */
  findCard(): Promise<IdReaderResult<boolean>> {
    return this.#exclusive(async () => {
      const reply = await this.#transact('findCard', this.#timeouts.findMs);
      if (!reply.ok) return reply;
      const present = reply.value.sw3 === ResultCode.findSuccess;
      if (!present && reply.value.sw3 !== ResultCode.noCard) return failSw3(reply.value.sw3);
      this.#setStatus({ ...this.#status, card: present ? 'present' : 'absent' });
      return { ok: true, value: present };
    });
  }

  /** find -> select -> read, as the contract requires for every read. */
  readCard(options: ReadCardOptions = {}): Promise<CardReadResult> {
    return this.#exclusive(async (): Promise<CardReadResult> => {
      const found = await this.#transact('findCard', this.#timeouts.findMs);
      if (!found.ok) return found;
      if (found.value.sw3 === ResultCode.noCard) {
        this.#setStatus({ ...this.#status, card: 'absent' });
        return failSw3(found.value.sw3);
      }
      if (found.value.sw3 !== ResultCode.findSuccess) return failSw3(found.value.sw3);
      this.#setStatus({ ...this.#status, card: 'present' });
      const selected = await this.#transact('selectCard', this.#timeouts.findMs);
      if (!selected.ok) return selected;
      if (selected.value.sw3 !== ResultCode.success) return failSw3(selected.value.sw3);
      const withFingerprints = options.withFingerprints === true;
      const read = await this.#transact(
        withFingerprints ? 'readTextPhotoFingerprint' : 'readTextPhoto',
        withFingerprints ? this.#timeouts.readFingerprintMs : this.#timeouts.readMs,
      );
      if (!read.ok) return read;
      if (read.value.sw3 !== ResultCode.success) return failSw3(read.value.sw3);
      const decoded = decodeReadReply(read.value.data, withFingerprints);
      if (!decoded.ok) return decoded;
      if (!this.#photoDecoder) return { ok: true, value: decoded.value.card };
      return { ok: true, value: { ...decoded.value.card, photo: await this.#decodePhoto(decoded.value.photo) } };
    });
  }

  /** Polls find-card until a card is present, the signal aborts, or the reader fails. */
  async waitForCard(options: WaitForCardOptions = {}): Promise<IdReaderResult<true>> {
    const interval = options.pollIntervalMs ?? 300;
    const maxSilent = options.maxSilentPolls ?? 3;
    let silent = 0;
    for (;;) {
      if (options.signal?.aborted) return fail('cancelled', 'waiting for a card was cancelled');
      const found = await this.findCard();
      if (options.signal?.aborted) return fail('cancelled', 'waiting for a card was cancelled');
      // A silent poll or two is retried: the reader may be coming back (power, USB re-enumeration).
      silent = !found.ok && found.reason === 'timeout' ? silent + 1 : 0;
      if (!found.ok && (found.reason !== 'timeout' || silent >= maxSilent)) return found;
      if (found.ok && found.value) return { ok: true, value: true };
      await abortableDelay(interval, options.signal);
    }
  }

  /** Closes the pipe; the driver answers `offline` from then on and never reopens it. */
  async close(): Promise<void> {
    this.#closed = true;
    const pipe = this.#pipe;
    this.#pipe = undefined;
    await pipe?.close().catch(() => undefined);
  }

  async #decodePhoto(wlt: Uint8Array): Promise<DecodedPhoto | null> {
    try {
      return (await this.#photoDecoder?.decode(wlt)) ?? null;
    } catch {
      // The photo is a convenience; a decoder failure must not lose the identity read.
      return null;
    }
  }


  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #setStatus(next: IdReaderStatus): void {
    const prev = this.#status;
    this.#status = next;
    if (prev.status !== next.status || prev.card !== next.card) this.#statusListeners.emit(next, prev);
  }

  async #connect(): Promise<BytePipe | IdReaderFailure> {
    if (this.#closed) return fail('offline', 'the driver is closed');
    if (this.#pipe?.isOpen) return this.#pipe;
    let pipe: BytePipe;
    try {
      pipe = await this.#open();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#setStatus({ status: 'offline', card: 'unknown', detail: message });
      return fail('offline', message);
    }
    if (this.#closed) {
      // close() ran while the port was opening.
      await pipe.close().catch(() => undefined);
      return fail('offline', 'the driver is closed');
    }
    pipe.onClose((error) => {
      if (this.#pipe === pipe) this.#pipe = undefined;
      this.#setStatus({ status: 'offline', card: 'unknown', detail: error ? error.message : 'port closed' });
    });
    this.#pipe = pipe;
    return pipe;
  }

  /**
   * One command, retried once when the line garbled a frame: a reply with a bad CHK, or the
   * reader's own "checksum error in received data" (SW3 10). Either is line noise on one frame;
   * a second failure in a row is reported.
   */
  async #transact(name: CommandName, timeoutMs: number): Promise<IdReaderResult<ResponseFrame>> {
    const first = await this.#exchange(name, timeoutMs);
    const garbled = first.ok ? first.value.sw3 === ResultCode.checksumError : first.link === 'bad-checksum';
    return garbled ? this.#exchange(name, timeoutMs) : first;
  }

  /** Sends one command and waits for one valid reply frame, or times out. */
  async #exchange(name: CommandName, timeoutMs: number): Promise<IdReaderResult<ResponseFrame>> {
    const pipe = await this.#connect();
    if (!('write' in pipe)) return pipe;
    const [cmd, para] = Command[name];
    const scanner = new FrameScanner();
    let sawNoise = false;
    let unsubscribe = () => {};
    let unsubscribeClose = () => {};
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<IdReaderResult<ResponseFrame>>((resolve) => {
      // When the time is up, a reply already waiting to be read still counts (afterPendingInput):
      // a held-up host is not a silent reader.
      timer = setTimeout(() => void afterPendingInput().then(timedOut), timeoutMs);
      const timedOut = () => {
        const pending = scanner.pendingBytes;
        const partial = pending > 0 ? ` (${pending} bytes of an unfinished frame)` : sawNoise ? ' (only noise)' : '';
        const link: LinkProblem | undefined = pending > 0 ? 'partial-frame' : sawNoise ? 'noise' : undefined;
        resolve(fail('timeout', `no complete reply to ${name} within ${timeoutMs} ms${partial}`, link ? { link } : {}));
      };
      unsubscribe = pipe.onData((chunk) => {
        const { frames, errors } = scanner.push(chunk);
        for (const body of frames) {
          const response = parseResponse(body);
          if (response) return resolve({ ok: true, value: response });
        }
        // Noise is skipped: the reader's real reply may still follow, and if not, the timeout
        // answers. A whole frame with a wrong CHK was the reply, though, and it will not come again.
        const badChecksum = errors.find((error) => error.code === 'bad-checksum');
        if (badChecksum) return resolve(fail('bad-response', `reply to ${name}: ${badChecksum.message}`, { link: 'bad-checksum' }));
        if (errors.length > 0) sawNoise = true;
      });
      unsubscribeClose = pipe.onClose((error) => resolve(fail('offline', error?.message ?? 'port closed')));
    });
    try {
      await pipe.write(encodeCommand(cmd, para));
      const result = await reply;
      // Any valid frame means the reader is there; an SW3 that says the SAM is unusable makes it
      // hardware-error until a command succeeds again.
      if (result.ok) this.#setStatus(statusForSw3(result.value.sw3, this.#status.card));
      else if (result.reason === 'timeout') {
        this.#setStatus({ status: 'offline', card: 'unknown', detail: result.message });
      } else if (result.reason === 'bad-response') {
        this.#setStatus({ ...this.#status, detail: result.message });
      }
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
