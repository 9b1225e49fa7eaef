/**
 * Backlog drain: 2,000 records queued while central was down for the whole backlog, then central
 * comes back. Measures the time from its return to an empty outbox with the kiosk's default sync
 * settings (link backoff capped at `maxBackoffMs`), against the in-run baseline of draining the
 * same backlog to a central that was up all along. Goal: <= 10 s from central's return.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { simulatorConfig } from '../../kiosk-config/schema';
import { CentralApi } from '../../main/host/central/central-api';
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

/** 2,000 records; with `attachmentBytes`, each carries a file of that size (the live photo). */
function fill(store: Store, attachmentBytes: number): void {
  for (let i = 0; i < RECORDS; i++) {
    const txnId = randomUUID();
    const now = Date.now();
    const attachments = attachmentBytes > 0 ? [store.attachments.put(txnId, 'live.jpg', randomBytes(attachmentBytes))] : [];
    store.journal.record({ txnId, kind: 'id-reissue', state: 'completed', data: { i } }, now, [
      { txnId, kind: 'id-reissue', occurredAt: new Date(now).toISOString(), payload: { step: 'completed', i, note: 'x'.repeat(200) }, attachments },
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
async function drain(outageMs: number, attachmentBytes = 0): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-drain-'));
  const secret = Buffer.alloc(32, 7).toString('base64');
  const store = openStore({ dataDir: dir, log: silent });
  fill(store, attachmentBytes);
  const first = new CentralSimulator({ dbFile: join(dir, 'central.sqlite'), secrets: { [KIOSK]: secret } });
  const baseUrl = await first.start();
  const port = Number(new URL(baseUrl).port);
  const { sync } = simulatorConfig();
  const client = new CentralClient({ baseUrl, kioskId: KIOSK, secret, requestTimeoutMs: sync.requestTimeoutMs });
  const api = new CentralApi(client);
  const worker = new SyncWorker(store.journal.outbox, client, silent, {
    ...sync,
    attachments: { store: store.attachments, put: (txnId, name, bytes) => api.putAttachment(txnId, name, bytes) },
  });
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
    if (attachmentBytes > 0 && central.attachments.get(KIOSK, central.store.records(KIOSK)[0]!.txnId, 'live.jpg')?.length !== attachmentBytes) {
      throw new Error('central does not hold the attachments');
    }
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
  const withPhotos = await drain(OUTAGE_MS, 30 * 1024);
  return {
    // Goal <= 20 s: each record carries a 30 KB attachment, uploaded before the record.
    'sync.backlog2000x30KB.fromCentralReturn.seconds': round(withPhotos / 1000),
    'sync.backlog2000x30KB.fromCentralReturnOverBaseline': round(withPhotos / upAllAlong),
    'sync.backlog2000.upAllAlong.seconds': round(upAllAlong / 1000),
    'sync.backlog2000.fromCentralReturn.seconds': round(afterOutage / 1000),
    'sync.backlog2000.fromCentralReturnOverBaseline': round(afterOutage / upAllAlong),
  };
}

runIfMain(import.meta.url, bench);
