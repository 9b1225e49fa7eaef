import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralClient } from '../../../main/host/sync/central-client';
import { SyncWorker } from '../../../main/host/sync/sync-worker';
import { openDatabase } from '../../../main/host/store/database';
import { Journal } from '../../../main/host/store/journal';
import { createSealer } from '../../../main/host/store/sealing';
import { CentralSimulator } from '../../../simulators/central/server';
import { ManualClock } from '../../support/manual-clock';

const SECRET = randomBytes(32).toString('base64');
const KIOSK = 'GD-GZ-0001';
const silent = pino({ level: 'silent' });
let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

async function rig(options: { centralClockSkewMs?: number; fetch?: typeof fetch } = {}) {
  const central = new CentralSimulator({
    dbFile: ':memory:',
    secrets: { [KIOSK]: SECRET },
    now: () => Date.now() + (options.centralClockSkewMs ?? 0),
  });
  const baseUrl = await central.start();
  stops.push(() => central.stop());
  const journal = new Journal(openDatabase(':memory:'), createSealer(randomBytes(32)));
  const clock = new ManualClock(Date.now());
  const client = new CentralClient({ baseUrl, kioskId: KIOSK, secret: SECRET, requestTimeoutMs: 1000, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const worker = new SyncWorker(journal.outbox, client, silent, {
    batchSize: 100,
    maxBackoffMs: 60_000,
    intervalMs: 1000,
    clock,
    random: () => 0.5,
  });
  const add = (n: number) => {
    for (let i = 0; i < n; i++) {
      const txnId = randomUUID();
      journal.record({ txnId, kind: 'id-reissue', state: 'completed', data: {} }, clock.now(), [
        { txnId, kind: 'id-reissue', occurredAt: new Date(clock.now()).toISOString(), payload: { i } },
      ]);
    }
  };
  return { central, journal, worker, client, add, clock, advance: (ms: number) => clock.advance(ms) };
}

describe('sync worker against the central simulator', () => {
  it('delivers queued records once and empties the outbox', async () => {
    const { central, journal, worker, add } = await rig();
    add(3);
    expect(await worker.runOnce()).toEqual({ kind: 'sent', delivered: 3, rejected: 0, retrying: 0 });
    expect(journal.outbox.stats(Date.now()).pending).toBe(0);
    expect(central.store.records(KIOSK).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(await worker.runOnce()).toEqual({ kind: 'idle' });
  });

  it('keeps records through a 503 and honours Retry-After', async () => {
    const { central, journal, worker, add, advance } = await rig();
    add(2);
    central.injectFaults({ status: 503, code: 'unavailable', retryAfterS: 30 });
    const outcome = await worker.runOnce();
    expect(outcome).toMatchObject({ kind: 'retrying', records: 2, delayMs: 30_000 });
    expect(await worker.runOnce()).toEqual({ kind: 'idle' });
    advance(30_000);
    expect(await worker.runOnce()).toMatchObject({ kind: 'sent', delivered: 2 });
    expect(journal.outbox.stats(Date.now()).pending).toBe(0);
  });

  it('keeps records when central cannot be reached', async () => {
    const { central, journal, worker, add } = await rig();
    add(1);
    await central.stop();
    stops = [];
    const outcome = await worker.runOnce();
    expect(outcome).toMatchObject({ kind: 'retrying', records: 1 });
    expect(journal.outbox.stats(Date.now()).pending).toBe(1);
  });

  it('does not trust a 200 whose body breaks the contract', async () => {
    const lying: typeof fetch = async () => new Response(JSON.stringify({ acked: 'everything' }), { status: 200 });
    const { journal, worker, add } = await rig({ fetch: lying });
    add(2);
    expect(await worker.runOnce()).toMatchObject({ kind: 'retrying', records: 2 });
    expect(journal.outbox.stats(Date.now()).pending).toBe(2);
  });

  it('ignores acknowledgements for records it did not send', async () => {
    const lying: typeof fetch = async () => new Response(JSON.stringify({ acked: [7, 8], highWater: 0, rejected: [] }), { status: 200 });
    const { journal, worker, add } = await rig({ fetch: lying });
    add(1);
    expect(await worker.runOnce()).toEqual({ kind: 'sent', delivered: 0, rejected: 0, retrying: 1 });
    expect(journal.outbox.stats(Date.now()).pending).toBe(1);
  });

  it('dead-letters a record central rejects as a conflict, and keeps it', async () => {
    const { central, journal, worker, add } = await rig();
    add(1);
    const [record] = journal.outbox.due(Date.now() + 1, 1);
    central.store.store({ kioskId: KIOSK, txnId: record!.txnId, seq: 99, kind: 'x', occurredAt: 'x', body: '{}', receivedAt: 0 });
    expect(await worker.runOnce()).toEqual({ kind: 'sent', delivered: 0, rejected: 1, retrying: 0 });
    expect(journal.outbox.deadLetters()).toMatchObject([{ seq: 1, code: 'conflict' }]);
  });

  it('splits a batch that central finds too large', async () => {
    const { central, journal, worker, add } = await rig();
    add(4);
    central.injectFaults({ status: 413, code: 'too_large' });
    expect(await worker.runOnce()).toMatchObject({ kind: 'retrying', delayMs: 0 });
    expect(await worker.runOnce()).toMatchObject({ kind: 'sent', delivered: 2 });
    expect(await worker.runOnce()).toMatchObject({ kind: 'sent', delivered: 2 });
    expect(journal.outbox.stats(Date.now()).pending).toBe(0);
  });

  it('corrects its clock from central after stale_timestamp and retries once', async () => {
    const { central, worker, client, add } = await rig({ centralClockSkewMs: 3_600_000 });
    add(1);
    expect(await worker.runOnce()).toMatchObject({ kind: 'sent', delivered: 1 });
    expect(client.clockOffsetMs).toBeGreaterThan(3_500_000);
    expect(central.requests.map((r) => r.status)).toEqual([401, 200]);
  });

  it('is refused by central when the secret is wrong', async () => {
    const { central, journal, add } = await rig();
    const wrong = new CentralClient({ baseUrl: central.baseUrl, kioskId: KIOSK, secret: randomBytes(32).toString('base64') });
    const worker = new SyncWorker(journal.outbox, wrong, silent, { batchSize: 10, maxBackoffMs: 1000, intervalMs: 100 });
    add(1);
    expect(await worker.runOnce()).toMatchObject({ kind: 'retrying', reason: expect.stringContaining('bad_signature') });
    expect(central.store.records()).toHaveLength(0);
  });

  it('backs off the link, not each record: failures in a row wait longer, and nothing is sent meanwhile', async () => {
    const { central, journal, worker, add, advance } = await rig();
    add(3);
    central.injectFaults({ status: 500, code: 'internal' }, { status: 500, code: 'internal' }, { status: 500, code: 'internal' });
    // random() is 0.5: half of 1 s, 2 s, 4 s.
    expect(await worker.runOnce()).toMatchObject({ kind: 'retrying', delayMs: 500 });
    advance(499);
    expect(await worker.runOnce()).toEqual({ kind: 'idle' });
    advance(1);
    expect(await worker.runOnce()).toMatchObject({ kind: 'retrying', delayMs: 1000 });
    advance(1000);
    expect(await worker.runOnce()).toMatchObject({ kind: 'retrying', delayMs: 2000 });
    advance(2000);
    expect(await worker.runOnce()).toMatchObject({ kind: 'sent', delivered: 3 });
    expect(journal.outbox.stats(Date.now()).pending).toBe(0);
  });

  it('drains the whole backlog batch after batch once central is back, without waiting between batches', async () => {
    const { central, journal, worker, add, clock } = await rig();
    add(450);
    central.injectFaults({ status: 503, code: 'unavailable' });
    expect(await worker.runOnce()).toMatchObject({ kind: 'retrying', records: 100 });
    expect(await worker.runOnce()).toEqual({ kind: 'idle' });
    // A heartbeat got through: the link is up, so the backoff is dropped at once.
    worker.linkUp();
    const startedAt = clock.now();
    const outcomes = [];
    for (let round = 0; round < 5; round++) outcomes.push(await worker.runOnce());
    expect(outcomes.map((o) => (o.kind === 'sent' ? o.delivered : -1))).toEqual([100, 100, 100, 100, 50]);
    expect(clock.now()).toBe(startedAt);
    expect(journal.outbox.stats(Date.now()).pending).toBe(0);
    expect(central.store.records(KIOSK)).toHaveLength(450);
  });

  it('runs on its own: started, it retries on the clock and then empties the outbox', async () => {
    const { central, journal, worker, add, clock } = await rig();
    add(2);
    central.injectFaults({ status: 503, code: 'unavailable', retryAfterS: 10 });
    worker.start();
    stops.push(() => worker.stop());
    await clock.advanceAsync(0);
    await expect.poll(() => central.requests.length).toBe(1);
    expect(worker.backingOffUntil).toBe(clock.now() + 10_000);
    await clock.advanceAsync(9_999);
    expect(central.requests).toHaveLength(1);
    await clock.advanceAsync(1);
    await expect.poll(() => journal.outbox.stats(Date.now()).pending).toBe(0);
  });
});
