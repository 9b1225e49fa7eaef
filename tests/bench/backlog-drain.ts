/**
 * Backlog drain: 2,000 records queued while central was down for the whole backlog, then central
 * comes back. Measures the time from its return to an empty outbox with the kiosk's default sync
 * settings (link backoff capped at `maxBackoffMs`), against the in-run baseline of draining the
 * same backlog to a central that was up all along. Goal: <= 10 s from central's return.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { simulatorConfig } from '../../kiosk-config/schema';
import type { Journal } from '../../main/host/store/journal';
import { openStore, type Store } from '../../main/host/store/open-store';
import { CentralClient } from '../../main/host/sync/central-client';
import { SyncWorker } from '../../main/host/sync/sync-worker';
import { CentralSimulator } from '../../simulators/central/server';
import { round, runIfMain } from './stats';

const KIOSK = 'GD-GZ-0001';
const RECORDS = 2000;
/** Long enough for the link's backoff to reach its cap before central returns. */
const OUTAGE_MS = 12_000;
const silent = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fill(journal: Journal): void {
  for (let i = 0; i < RECORDS; i++) {
    const txnId = randomUUID();
    const now = Date.now();
    journal.record({ txnId, kind: 'id-reissue', state: 'completed', data: { i } }, now, [
      { txnId, kind: 'id-reissue', occurredAt: new Date(now).toISOString(), payload: { step: 'completed', i, note: 'x'.repeat(200) } },
    ]);
  }
}

async function emptied(store: Store, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (store.journal.outbox.stats(Date.now()).pending > 0) {
    if (Date.now() > until) throw new Error(`outbox not empty after ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** Drains a full backlog; `outageMs` > 0 keeps central down that long first. Returns ms from central being up to empty. */
async function drain(outageMs: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-drain-'));
  const secret = Buffer.alloc(32, 7).toString('base64');
  const store = openStore({ dataDir: dir, log: silent });
  fill(store.journal);
  const first = new CentralSimulator({ dbFile: join(dir, 'central.sqlite'), secrets: { [KIOSK]: secret } });
  const baseUrl = await first.start();
  const port = Number(new URL(baseUrl).port);
  const { sync } = simulatorConfig();
  const worker = new SyncWorker(store.journal.outbox, new CentralClient({ baseUrl, kioskId: KIOSK, secret, requestTimeoutMs: sync.requestTimeoutMs }), silent, sync);
  let central = first;
  try {
    if (outageMs > 0) {
      await first.stop();
      worker.start();
      await sleep(outageMs);
      central = new CentralSimulator({ dbFile: join(dir, 'central.sqlite'), secrets: { [KIOSK]: secret }, port });
      await central.start();
    } else {
      worker.start();
    }
    const back = performance.now();
    await emptied(store, 120_000);
    const tookMs = performance.now() - back;
    if (central.store.records(KIOSK).length !== RECORDS) throw new Error('central does not hold every record once');
    return tookMs;
  } finally {
    await worker.stop();
    await central.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function bench(): Promise<Record<string, number>> {
  const upAllAlong = await drain(0);
  const afterOutage = await drain(OUTAGE_MS);
  return {
    'sync.backlog2000.upAllAlong.seconds': round(upAllAlong / 1000),
    'sync.backlog2000.fromCentralReturn.seconds': round(afterOutage / 1000),
    'sync.backlog2000.fromCentralReturnOverBaseline': round(afterOutage / upAllAlong),
  };
}

runIfMain(import.meta.url, bench);
