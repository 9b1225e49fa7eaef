/** POST /sync/batch: the kiosk's outbox upload, each record stored once per (kiosk, txnId). */
import { z } from 'zod';
import type { CentralStore } from './central-store';
import { canonicalJson, errorReply, ok, parseRequest } from './replies';
import type { Route } from './route';

export const MAX_BATCH_RECORDS = 500;

const SyncRecord = z.object({
  txnId: z.string().min(1).max(100),
  seq: z.number().int().positive(),
  kind: z.string().min(1).max(64),
  occurredAt: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  attachments: z
    .array(z.object({ name: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) }))
    .default([]),
});

const Batch = z.object({ records: z.array(z.unknown()) });

export function syncBatchRoutes(store: CentralStore): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/sync\/batch$/,
      body: 'json',
      handle: ({ kioskId, json, nowMs }) => {
        const batch = parseRequest(Batch, json);
        if (!batch.ok) return batch.reply;
        if (batch.value.records.length > MAX_BATCH_RECORDS) {
          return errorReply(413, 'too_large', `more than ${MAX_BATCH_RECORDS} records`);
        }
        const acked: number[] = [];
        const rejected: Array<{ seq: number; code: string; message: string }> = [];
        for (const raw of batch.value.records) {
          const parsed = SyncRecord.safeParse(raw);
          if (!parsed.success) {
            const seq = typeof (raw as { seq?: unknown })?.seq === 'number' ? (raw as { seq: number }).seq : 0;
            rejected.push({ seq, code: 'invalid_record', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
            continue;
          }
          const record = parsed.data;
          const outcome = store.store({
            kioskId,
            txnId: record.txnId,
            seq: record.seq,
            kind: record.kind,
            occurredAt: record.occurredAt,
            body: canonicalJson(record),
            receivedAt: nowMs,
          });
          if (outcome === 'conflict') {
            rejected.push({ seq: record.seq, code: 'conflict', message: `txnId ${record.txnId} was stored with other content` });
          } else {
            acked.push(record.seq);
          }
        }
        return ok({ acked, highWater: store.highWater(kioskId), rejected });
      },
    },
  ];
}
