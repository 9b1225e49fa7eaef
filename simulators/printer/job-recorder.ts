/** Groups what the simulated printer received into jobs (initialise or previous cut, up to the cut). */
import { Listeners } from '../../drivers/transport/byte-pipe';
import type { ReceiptDocument, ReceiptElement } from '../../drivers/printer/document';

export type JobEnd = 'cut' | 'init' | 'link closed';

export interface RecordedJob {
  /** What actually came out of the printer: the elements printed before anything was discarded. */
  readonly document: ReceiptDocument;
  /** Ended by a cut with nothing discarded. */
  readonly complete: boolean;
  readonly endedBy: JobEnd;
  readonly receivedBytes: number;
  /** Bytes thrown away because the printer could not print (paper out, cover open...). */
  readonly discardedBytes: number;
  readonly warnings: readonly string[];
}

/** Enough to see what went wrong without a flood of garbage growing memory. */
const MAX_WARNINGS_PER_JOB = 50;
/** A simulator left running for days on a bench keeps only the most recent jobs. */
const MAX_RECORDED_JOBS = 1000;

interface OpenJob {
  elements: ReceiptElement[];
  warnings: string[];
  bytes: number;
  discarded: number;
  discarding: boolean;
}

export class JobRecorder {
  readonly #jobs: RecordedJob[] = [];
  readonly #listeners = new Listeners<[RecordedJob]>();
  #current: OpenJob | undefined;
  #strayWarnings: string[] = [];

  /** The most recent jobs, oldest first. */
  get jobs(): readonly RecordedJob[] {
    return this.#jobs;
  }

  clear(): void {
    this.#jobs.length = 0;
  }

  get isOpen(): boolean {
    return this.#current !== undefined;
  }

  get currentBytes(): number {
    return this.#current?.bytes ?? 0;
  }

  onJob(listener: (job: RecordedJob) => void): () => void {
    return this.#listeners.add(listener);
  }

  /** `1B 40`: a job still open without a cut is recorded as incomplete, then a new one starts. */
  startJob(initBytes: number): void {
    const current = this.#current;
    if (current && (current.elements.length > 0 || current.discarded > 0)) this.#finish(current, 'init');
    this.#current = this.#open();
    this.#current.bytes += initBytes;
  }

  /** Adds bytes (and the element they print, if any); returns true when this ended a job. */
  add(byteLength: number, element: ReceiptElement | undefined, canPrint: boolean): boolean {
    const job = this.#current ?? this.#open();
    this.#current = job;
    job.bytes += byteLength;
    if (!canPrint) job.discarding = true;
    if (job.discarding) {
      // Once a job loses paper, its rest is lost even if paper comes back: the printer has dropped it.
      job.discarded += byteLength;
      if (element?.kind === 'cut') {
        this.#finish(job, 'cut');
        return true;
      }
      return false;
    }
    if (element === undefined) return false;
    job.elements.push(element);
    if (element.kind !== 'cut') return false;
    this.#finish(job, 'cut');
    return true;
  }

  warn(message: string): void {
    const target = this.#current?.warnings ?? this.#strayWarnings;
    if (target.length < MAX_WARNINGS_PER_JOB) target.push(message);
  }

  /** Records an open job as incomplete (link closed); returns true when there was one. */
  abandon(reason: JobEnd): boolean {
    const current = this.#current;
    if (!current) return false;
    this.#finish(current, reason);
    return true;
  }

  #open(): OpenJob {
    const warnings = this.#strayWarnings;
    this.#strayWarnings = [];
    return { elements: [], warnings, bytes: 0, discarded: 0, discarding: false };
  }

  #finish(job: OpenJob, endedBy: JobEnd): void {
    this.#current = undefined;
    const recorded: RecordedJob = {
      document: { elements: job.elements },
      complete: endedBy === 'cut' && !job.discarding,
      endedBy,
      receivedBytes: job.bytes,
      discardedBytes: job.discarded,
      warnings: job.warnings,
    };
    this.#jobs.push(recorded);
    if (this.#jobs.length > MAX_RECORDED_JOBS) this.#jobs.splice(0, this.#jobs.length - MAX_RECORDED_JOBS);
    this.#listeners.emit(recorded);
  }
}
