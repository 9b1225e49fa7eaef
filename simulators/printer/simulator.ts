/**
 * The receipt printer from the device's side of the byte pipe: it parses the ESC/POS stream as
 * it arrives, answers DLE EOT from its state model exactly as the contract says, records what it
 * printed, and lets tests (and a technician panel) inject faults.
 */
import { Listeners, type BytePipe } from '../../drivers/transport/byte-pipe';
import { type Clock, systemClock } from '../../drivers/common/clock';
import { encodeStatusReply, hasStatusFixedBits } from '../../drivers/printer/codec';
import type { ReceiptElement } from '../../drivers/printer/document';
import { EscPosStreamParser, type ParseEvent } from '../../drivers/printer/stream-parser';
import type { PrinterErrorCause, StatusReply } from '../../drivers/printer/types';
import { JobRecorder, type RecordedJob } from './job-recorder';

export type SimulatedPaper = 'ok' | 'near-end' | 'out';
export type ReplyMode = 'normal' | 'silent' | 'garbage';

export interface PrinterSimulatorState {
  readonly paper: SimulatedPaper;
  readonly coverOpen: boolean;
  /** Offline without another cause (panel button, firmware busy). */
  readonly offline: boolean;
  readonly errors: readonly PrinterErrorCause[];
  readonly replyMode: ReplyMode;
  readonly replyDelayMs: number;
  /** Paper runs out once the current job has reached this many bytes; one-shot. */
  readonly paperOutAfterBytes: number | undefined;
  readonly connected: boolean;
  /** A job is open: bytes arrived since the last cut. */
  readonly printing: boolean;
  readonly jobsRecorded: number;
}

export interface PrinterSimulatorOptions {
  /** Randomness for garbage replies, injectable for reproducible tests. */
  readonly random?: () => number;
  readonly clock?: Clock;
}

type MutableState = { -readonly [K in keyof PrinterSimulatorState]: PrinterSimulatorState[K] };

/** A healthy printer with paper: the state at power-on and after `reset()`. */
const HEALTHY = {
  paper: 'ok',
  coverOpen: false,
  offline: false,
  replyMode: 'normal',
  replyDelayMs: 0,
  paperOutAfterBytes: undefined,
} as const satisfies Partial<MutableState>;

export class PrinterSimulator {
  readonly #random: () => number;
  readonly #clock: Clock;
  readonly #changes = new Listeners<[PrinterSimulatorState]>();
  readonly #recorder = new JobRecorder();
  #state: MutableState = {
    ...HEALTHY,
    errors: [],
    connected: false,
    printing: false,
    jobsRecorded: 0,
  };
  #pipe: BytePipe | undefined;
  #parser = new EscPosStreamParser();
  #detach: (() => void)[] = [];

  constructor(options: PrinterSimulatorOptions = {}) {
    this.#random = options.random ?? Math.random;
    this.#clock = options.clock ?? systemClock;
  }

  get state(): PrinterSimulatorState {
    return { ...this.#state, errors: [...this.#state.errors] };
  }

  get jobs(): readonly RecordedJob[] {
    return this.#recorder.jobs;
  }

  /** Forgets recorded jobs (a technician panel's "clear"). */
  clearJobs(): void {
    this.#recorder.clear();
    this.#set({ jobsRecorded: 0 });
  }

  onChange(listener: (state: PrinterSimulatorState) => void): () => void {
    return this.#changes.add(listener);
  }

  onJob(listener: (job: RecordedJob) => void): () => void {
    return this.#recorder.onJob(listener);
  }

  /** Connects to the device end of a pipe; a new link starts with a fresh parser. */
  attach(pipe: BytePipe): void {
    this.#release();
    this.#pipe = pipe;
    this.#parser = new EscPosStreamParser();
    this.#detach = [
      pipe.onData((chunk) => this.#receive(chunk)),
      pipe.onClose(() => {
        if (this.#pipe === pipe) this.#release();
      }),
    ];
    this.#set({ connected: true });
  }

  // Fault injection and state control: each call takes effect at once and fires onChange.
  setPaper(paper: SimulatedPaper): void {
    this.#set({ paper });
  }
  refillPaper(): void {
    this.#set({ paper: 'ok', paperOutAfterBytes: undefined });
  }
  nearEnd(): void {
    this.setPaper('near-end');
  }
  setCoverOpen(coverOpen: boolean): void {
    this.#set({ coverOpen });
  }
  setOffline(offline: boolean): void {
    this.#set({ offline });
  }
  setError(cause: PrinterErrorCause, on: boolean): void {
    const others = this.#state.errors.filter((error) => error !== cause);
    this.#set({ errors: on ? [...others, cause] : others });
  }
  /** Stop answering status requests (or answer again with `false`). */
  silence(on = true): void {
    this.#set({ replyMode: on ? 'silent' : 'normal' });
  }
  /** Answer status requests with random bytes that break the fixed bits. */
  garbage(on = true): void {
    this.#set({ replyMode: on ? 'garbage' : 'normal' });
  }
  slowReply(delayMs: number): void {
    this.#set({ replyDelayMs: Math.max(0, delayMs) });
  }
  /** Paper runs out once the current (or next) job reaches `bytes` bytes. */
  paperOutAfter(bytes: number | undefined): void {
    this.#set({ paperOutAfterBytes: bytes });
  }
  /** Pulls the cable: both ends see the pipe close with an error. */
  disconnect(): void {
    const pipe = this.#pipe;
    if (!pipe) return;
    if (hasSever(pipe)) pipe.sever();
    else void pipe.close().catch(() => undefined);
    this.#release();
  }
  /** Back to a healthy printer with paper; recorded jobs are kept. */
  reset(): void {
    this.#set({ ...HEALTHY, errors: [] });
  }

  /** What the printer answers to DLE EOT n right now; undefined for an n it ignores. */
  statusReplyFor(n: number): StatusReply | undefined {
    const { paper, coverOpen, offline, errors } = this.#state;
    switch (n) {
      case 1:
        return { n: 1, offline: offline || coverOpen || paper === 'out' || errors.length > 0 };
      case 2:
        return { n: 2, coverOpen, stoppedByPaperEnd: paper === 'out', errorOccurred: errors.length > 0 };
      case 3:
        return {
          n: 3,
          mechanical: errors.includes('mechanical'),
          autocutter: errors.includes('autocutter'),
          unrecoverable: errors.includes('unrecoverable'),
          autoRecoverable: errors.includes('auto-recoverable'),
        };
      case 4:
        return { n: 4, nearEnd: paper === 'near-end', paperEnd: paper === 'out' };
      default:
        return undefined;
    }
  }

  #receive(chunk: Uint8Array): void {
    for (const event of this.#parser.push(chunk)) this.#handle(event);
    this.#syncPrinting();
  }

  #handle(event: ParseEvent): void {
    switch (event.kind) {
      case 'status-request':
        this.#answer(event.n);
        return;
      case 'init':
        this.#recorder.startJob(event.byteLength);
        return;
      case 'element':
        this.#jobBytes(event.byteLength, event.element);
        return;
      case 'mode':
        this.#jobBytes(event.byteLength, undefined);
        return;
      case 'warning':
        this.#recorder.warn(event.message);
        if (event.byteLength > 0) this.#jobBytes(event.byteLength, undefined);
        return;
      default: {
        const unreachable: never = event;
        this.#recorder.warn(`unknown parse event ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /** Counts job bytes, runs the paper out when told to, and prints the element if it can. */
  #jobBytes(byteLength: number, element: ReceiptElement | undefined): void {
    const limit = this.#state.paperOutAfterBytes;
    if (limit !== undefined && this.#recorder.currentBytes + byteLength > limit) {
      this.#set({ paper: 'out', paperOutAfterBytes: undefined });
    }
    const { paper, coverOpen, offline, errors } = this.#state;
    const canPrint = paper !== 'out' && !coverOpen && !offline && errors.length === 0;
    const recorded = this.#recorder.add(byteLength, element, canPrint);
    if (recorded) this.#set({ jobsRecorded: this.#recorder.jobs.length });
  }

  #answer(n: number): void {
    const reply = this.#replyBytes(n);
    if (reply === undefined) return;
    const send = (): void => {
      const pipe = this.#pipe;
      if (pipe?.isOpen) void pipe.write(reply).catch(() => undefined);
    };
    if (this.#state.replyDelayMs > 0) this.#clock.setTimeout(send, this.#state.replyDelayMs);
    else send();
  }

  #replyBytes(n: number): Uint8Array | undefined {
    const mode = this.#state.replyMode;
    switch (mode) {
      case 'silent':
        return undefined;
      case 'garbage': {
        const count = 1 + Math.floor(this.#random() * 3);
        return Uint8Array.from({ length: count }, () => {
          const byte = Math.floor(this.#random() * 256) & 0xff;
          // Garbage must be recognisable as such: flip bit 0 if the byte happened to look valid.
          return hasStatusFixedBits(byte) ? byte ^ 0x01 : byte;
        });
      }
      case 'normal': {
        const reply = this.statusReplyFor(n);
        return reply === undefined ? undefined : Uint8Array.of(encodeStatusReply(reply));
      }
      default: {
        const unreachable: never = mode;
        return unreachable;
      }
    }
  }

  #syncPrinting(): void {
    const printing = this.#recorder.isOpen;
    if (printing !== this.#state.printing) this.#set({ printing });
  }

  #release(): void {
    for (const detach of this.#detach) detach();
    this.#detach = [];
    const hadPipe = this.#pipe !== undefined;
    this.#pipe = undefined;
    // A job cut off by the link going away is recorded as incomplete.
    if (this.#recorder.abandon('link closed')) this.#state.jobsRecorded = this.#recorder.jobs.length;
    if (hadPipe) this.#set({ connected: false, printing: false });
  }

  #set(patch: Partial<MutableState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#changes.emit(this.state);
  }
}

function hasSever(pipe: BytePipe): pipe is BytePipe & { sever(): void } {
  return typeof (pipe as { sever?: unknown }).sever === 'function';
}
