import { z } from 'zod';
import { type Clock, systemClock, type TimerHandle } from '../../../drivers/common/clock';
import type { CentralResult } from '../central/central-result';
import type { Logger } from '../log';
import type { AttachmentStore } from '../store/attachments';
import type { Outbox, OutboxRecord } from '../store/outbox';
import type { CentralClient, CentralResponse } from './central-client';

const BatchReply = z.object({
  acked: z.array(z.number().int()),
  highWater: z.number().int().min(0),
  rejected: z.array(z.object({ seq: z.number().int(), code: z.string(), message: z.string() })).default([]),
});

export interface SyncWorkerOptions {
  readonly batchSize: number;
  readonly maxBackoffMs: number;
  /** Pause between rounds while nothing fails. */
  readonly intervalMs: number;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Where records' attachments are kept and how they reach central (PUT /attachments). */
  readonly attachments?: AttachmentUploads;
}

/** Attachments go to central before the record that names them (central-api.md). */
export interface AttachmentUploads {
  readonly store: Pick<AttachmentStore, 'read' | 'isUploaded' | 'markUploaded'>;
  put(txnId: string, name: string, bytes: Uint8Array): Promise<CentralResult<unknown>>;
}

export type SyncRoundOutcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sent'; readonly delivered: number; readonly rejected: number; readonly retrying: number }
  | { readonly kind: 'retrying'; readonly records: number; readonly reason: string; readonly delayMs: number };

/**
 * Empties the outbox into central's /sync/batch. A record leaves the outbox only when central has
 * acknowledged it (in `acked`, or at or below `highWater`); a rejected one goes to the dead
 * letters; everything else is tried again later.
 *
 * Backoff belongs to the link, not to each record: while central is unreachable the worker waits
 * (exponential backoff with full jitter, or Retry-After), and the first batch that gets through
 * resets it, after which the whole backlog goes out batch after batch without pause. Records that
 * each kept their own jittered schedule would trickle out over minutes after a long outage.
 */
export class SyncWorker {
  readonly #outbox: Outbox;
  readonly #client: CentralClient;
  readonly #log: Logger;
  readonly #options: SyncWorkerOptions;
  readonly #clock: Clock;
  readonly #random: () => number;
  /** Shrinks when central says a batch is too large; grows back after successes. */
  #batchLimit: number;
  /** Failed rounds in a row: the link's backoff grows with it; a delivered batch resets it. */
  #linkFailures = 0;
  /** No batch goes out before this time (epoch ms): the link is backing off. */
  #linkRetryAt = 0;
  #timer: TimerHandle | undefined;
  #running = false;
  #round: Promise<SyncRoundOutcome> | undefined;

  constructor(outbox: Outbox, client: CentralClient, log: Logger, options: SyncWorkerOptions) {
    this.#outbox = outbox;
    this.#client = client;
    this.#log = log;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#batchLimit = options.batchSize;
  }

  start(): void {
    this.#running = true;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#clock.clearTimeout(this.#timer);
    await this.#round;
  }

  /** A new record was queued: send soon rather than at the next interval (unless backing off). */
  kick(): void {
    if (this.#running && !this.#round) this.#schedule(Math.max(0, this.#linkRetryAt - this.#clock.now()));
  }

  /**
   * Central answered something else (a heartbeat): the link is up again, so stop backing off and
   * drain the backlog now instead of at the end of a backoff of up to `maxBackoffMs`.
   */
  linkUp(): void {
    if (this.#linkFailures === 0) return;
    this.#linkFailures = 0;
    this.#linkRetryAt = 0;
    this.kick();
  }

  /** Until when the link backs off (epoch ms; 0 when it does not). */
  get backingOffUntil(): number {
    return this.#linkRetryAt;
  }

  /** One round: send one batch of due records. Rounds never overlap. */
  runOnce(): Promise<SyncRoundOutcome> {
    this.#round ??= this.#send().finally(() => {
      this.#round = undefined;
    });
    return this.#round;
  }

  #schedule(delayMs: number): void {
    this.#clock.clearTimeout(this.#timer);
    if (!this.#running) return;
    this.#timer = this.#clock.setTimeout(async () => {
      const outcome = await this.runOnce().catch((error: unknown) => {
        this.#log.error({ err: error }, 'sync round failed unexpectedly');
        return { kind: 'retrying', records: 0, reason: String(error), delayMs: this.#options.intervalMs } as const;
      });
      // After a sent batch, go straight on with the next one; after a failure, wait out the
      // link's backoff; with nothing to send, look again after the interval (kick() is sooner).
      switch (outcome.kind) {
        case 'sent':
          return this.#schedule(0);
        case 'retrying':
          return this.#schedule(outcome.delayMs);
        case 'idle':
          return this.#schedule(Math.max(this.#options.intervalMs, this.#linkRetryAt - this.#clock.now()));
        default:
          return outcome satisfies never;
      }
    }, delayMs);
  }

  #backoffMs(failures: number): number {
    const cap = Math.min(this.#options.maxBackoffMs, 1000 * 2 ** Math.min(failures, 20));
    return Math.floor(this.#random() * cap);
  }

  /** The link failed: every record waits, with backoff growing over failed rounds in a row. */
  #retry(records: readonly OutboxRecord[], reason: string, retryAfterMs: number | null = null): SyncRoundOutcome {
    const delayMs = Math.max(retryAfterMs ?? 0, this.#backoffMs(this.#linkFailures));
    this.#linkFailures++;
    this.#linkRetryAt = this.#clock.now() + delayMs;
    // The records stay due: the attempt is counted and its error kept for a person to read.
    this.#outbox.reschedule(
      records.map((r) => r.seq),
      0,
      reason,
    );
    this.#log.warn({ records: records.length, delayMs, reason, failuresInARow: this.#linkFailures }, 'sync batch will be retried');
    return { kind: 'retrying', records: records.length, reason, delayMs };
  }

  #deadLetterAll(records: readonly OutboxRecord[], code: string, message: string): SyncRoundOutcome {
    for (const record of records) this.#outbox.deadLetter(record.seq, code, message, this.#clock.now());
    this.#log.error({ records: records.map((r) => r.seq), code, message }, 'central refused a batch: records dead-lettered');
    return { kind: 'sent', delivered: 0, rejected: records.length, retrying: 0 };
  }

  async #send(): Promise<SyncRoundOutcome> {
    const now = this.#clock.now();
    if (now < this.#linkRetryAt) return { kind: 'idle' };
    const due = this.#outbox.due(now, this.#batchLimit);
    if (due.length === 0) return { kind: 'idle' };
    const uploaded = await this.#uploadAttachments(due);
    if (!Array.isArray(uploaded)) return uploaded;
    const records = uploaded;
    if (records.length === 0) return { kind: 'sent', delivered: 0, rejected: due.length, retrying: 0 };
    const response = await this.#client.request('POST', '/sync/batch', {
      records: records.map((r) => ({
        txnId: r.txnId,
        seq: r.seq,
        kind: r.kind,
        occurredAt: r.occurredAt,
        payload: r.payload,
        attachments: r.attachments,
      })),
    });
    return this.#handle(records, response);
  }

  /**
   * Uploads what the records carry that central does not have yet. Central unreachable: the
   * whole round waits (link backoff). Central refusing a file (digest mismatch): that record is
   * dead-lettered, the others go on. Returns the records that may be sent now.
   */
  async #uploadAttachments(records: readonly OutboxRecord[]): Promise<OutboxRecord[] | SyncRoundOutcome> {
    const uploads = this.#options.attachments;
    if (!uploads) return [...records];
    const ready: OutboxRecord[] = [];
    for (const record of records) {
      let refused: string | undefined;
      for (const attachment of record.attachments) {
        if (uploads.store.isUploaded(record.txnId, attachment.name)) continue;
        const bytes = uploads.store.read(record.txnId, attachment.name);
        if (!bytes) {
          refused = `attachment ${attachment.name} is no longer kept`;
          break;
        }
        const put = await uploads.put(record.txnId, attachment.name, bytes);
        if (put.ok) {
          uploads.store.markUploaded(record.txnId, attachment.name, this.#clock.now());
          continue;
        }
        if (put.retryable) return this.#retry(records, `attachment upload: ${put.message}`, put.retryAfterMs ?? null);
        refused = `${put.code ?? 'refused'}: ${put.message}`;
        break;
      }
      if (refused === undefined) ready.push(record);
      else this.#outbox.deadLetter(record.seq, 'attachment_refused', refused, this.#clock.now());
    }
    return ready;
  }

  #handle(records: readonly OutboxRecord[], response: CentralResponse): SyncRoundOutcome {
    switch (response.kind) {
      case 'network':
        return this.#retry(records, `network: ${response.message}`);
      case 'ok':
        return this.#acknowledge(records, response.body);
      case 'error':
        return this.#handleError(records, response);
      default:
        return response satisfies never;
    }
  }

  #handleError(records: readonly OutboxRecord[], response: Extract<CentralResponse, { kind: 'error' }>): SyncRoundOutcome {
    const reason = `${response.status} ${response.code}: ${response.message}`;
    if (response.status === 413) {
      if (records.length === 1) return this.#deadLetterAll(records, 'too_large', 'a single record is over the batch limit');
      this.#batchLimit = Math.max(1, Math.floor(records.length / 2));
      // Not the records' fault: try again at once with smaller batches.
      return { kind: 'retrying', records: records.length, reason, delayMs: 0 };
    }
    if (response.status === 429 || response.status === 503 || (response.status === 409 && response.code === 'in_flight')) {
      return this.#retry(records, reason, response.retryAfterMs);
    }
    if (response.status === 400 || response.status === 404 || response.status === 422 || response.status === 409) {
      return this.#deadLetterAll(records, response.code, response.message);
    }
    // 401 after the client's own clock correction, other 5xx, anything unexpected: keep trying.
    return this.#retry(records, reason);
  }

  #acknowledge(records: readonly OutboxRecord[], body: unknown): SyncRoundOutcome {
    const reply = BatchReply.safeParse(body);
    if (!reply.success) {
      // A central that answers 200 with nonsense has not acknowledged anything.
      return this.#retry(records, 'central answered the batch with a reply that breaks the contract');
    }
    const sent = new Set(records.map((r) => r.seq));
    const acked = new Set(reply.data.acked.filter((seq) => sent.has(seq)));
    for (const seq of sent) if (seq <= reply.data.highWater) acked.add(seq);
    this.#outbox.markDelivered([...acked], this.#clock.now());
    let rejected = 0;
    for (const r of reply.data.rejected) {
      if (!sent.has(r.seq) || acked.has(r.seq)) continue;
      this.#outbox.deadLetter(r.seq, r.code, r.message, this.#clock.now());
      rejected++;
    }
    if (acked.size) {
      this.#batchLimit = Math.min(this.#options.batchSize, this.#batchLimit * 2);
      this.#linkFailures = 0;
      this.#linkRetryAt = 0;
    }
    const rest = records.filter((r) => !acked.has(r.seq) && !reply.data.rejected.some((x) => x.seq === r.seq));
    // Central skipped some: back off before asking again rather than hammering it in a loop.
    if (rest.length) this.#retry(rest, 'central neither acknowledged nor rejected these records');
    this.#log.info({ delivered: acked.size, rejected, retrying: rest.length }, 'sync batch sent');
    return { kind: 'sent', delivered: acked.size, rejected, retrying: rest.length };
  }
}
