/**
 * The central simulator: an HTTP server that follows central-api.md, storing what it receives in
 * its own SQLite file. The kiosk embeds it in simulator mode; tests start it on a free port and
 * inject faults to see the kiosk's client cope.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { CentralStore } from './central-store';
import { checkSignature } from './signature-check';

const MAX_BATCH_RECORDS = 500;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

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

export interface CentralFault {
  /** HTTP status to answer with instead of handling the request. */
  readonly status: number;
  readonly code: string;
  readonly retryAfterS?: number;
}

export interface CentralSimulatorOptions {
  /** SQLite file of the simulator; ':memory:' for tests. */
  readonly dbFile: string;
  /** kioskId -> base64 secret; a kiosk missing here fails with bad_signature. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly port?: number;
  readonly host?: string;
  readonly now?: () => number;
}

export class CentralSimulator {
  readonly store: CentralStore;
  readonly #server: Server;
  readonly #secrets: Map<string, Buffer>;
  readonly #now: () => number;
  readonly #options: CentralSimulatorOptions;
  readonly #faults: CentralFault[] = [];
  /** Every request seen, for tests to look at (path and status only: no bodies, no personal data). */
  readonly requests: Array<{ method: string; path: string; status: number }> = [];

  constructor(options: CentralSimulatorOptions) {
    this.#options = options;
    this.store = new CentralStore(options.dbFile);
    this.#secrets = new Map(Object.entries(options.secrets).map(([id, s]) => [id, Buffer.from(s, 'base64')]));
    this.#now = options.now ?? Date.now;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        this.#send(res, req, 500, { error: { code: 'internal', message: String(error) } });
      });
    });
  }

  /** Commands handed to a kiosk with its next heartbeat answer. */
  readonly #commands = new Map<string, Array<{ id: string; type: string }>>();

  queueCommand(kioskId: string, command: { id: string; type: string }): void {
    this.#commands.set(kioskId, [...(this.#commands.get(kioskId) ?? []), command]);
  }

  /** The next requests are answered with these faults, in order, instead of being handled. */
  injectFaults(...faults: CentralFault[]): void {
    this.#faults.push(...faults);
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(this.#options.port ?? 0, this.#options.host ?? '127.0.0.1', resolve));
    return this.baseUrl;
  }

  get baseUrl(): string {
    const address = this.#server.address() as AddressInfo;
    return `http://${address.address}:${address.port}`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.store.close();
  }

  #send(res: ServerResponse, req: IncomingMessage, status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.requests.push({ method: req.method ?? '', path: req.url ?? '', status });
    if (res.headersSent) return;
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      date: new Date(this.#now()).toUTCString(),
      ...headers,
    });
    res.end(JSON.stringify(body));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'too-large') {
      return this.#send(res, req, 413, { error: { code: 'too_large', message: `body over ${MAX_BODY_BYTES} bytes` } });
    }
    const fault = this.#faults.shift();
    if (fault) {
      const headers: Record<string, string> = fault.retryAfterS !== undefined ? { 'retry-after': String(fault.retryAfterS) } : {};
      return this.#send(res, req, fault.status, { error: { code: fault.code, message: 'injected fault' } }, headers);
    }
    const auth = checkSignature(
      { method: req.method ?? 'GET', path, headers: req.headers, body },
      (id) => this.#secrets.get(id),
      this.#now(),
      (kioskId, nonce) => this.store.rememberNonce(kioskId, nonce, this.#now()),
    );
    if (!auth.ok) return this.#send(res, req, 401, { error: { code: auth.code, message: auth.message } });

    let json: unknown;
    try {
      json = body.length ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      return this.#send(res, req, 400, { error: { code: 'invalid_request', message: 'body is not JSON' } });
    }
    if (req.method === 'POST' && path === '/api/v1/sync/batch') return this.#syncBatch(req, res, auth.kioskId, json);
    if (req.method === 'POST' && path === '/api/v1/heartbeat') {
      this.store.recordHeartbeat(auth.kioskId, this.#now(), JSON.stringify(json ?? {}));
      const commands = this.#commands.get(auth.kioskId) ?? [];
      this.#commands.delete(auth.kioskId);
      return this.#send(res, req, 200, { serverTime: new Date(this.#now()).toISOString(), commands });
    }
    return this.#send(res, req, 404, { error: { code: 'not_found', message: `${req.method} ${path} is not part of this API` } });
  }

  #syncBatch(req: IncomingMessage, res: ServerResponse, kioskId: string, json: unknown): void {
    const batch = z.object({ records: z.array(z.unknown()) }).safeParse(json);
    if (!batch.success) {
      return this.#send(res, req, 400, { error: { code: 'invalid_request', message: 'expected {"records": [...]}' } });
    }
    if (batch.data.records.length > MAX_BATCH_RECORDS) {
      return this.#send(res, req, 413, { error: { code: 'too_large', message: `more than ${MAX_BATCH_RECORDS} records` } });
    }
    const acked: number[] = [];
    const rejected: Array<{ seq: number; code: string; message: string }> = [];
    for (const raw of batch.data.records) {
      const parsed = SyncRecord.safeParse(raw);
      if (!parsed.success) {
        const seq = typeof (raw as { seq?: unknown })?.seq === 'number' ? (raw as { seq: number }).seq : 0;
        rejected.push({ seq, code: 'invalid_record', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        continue;
      }
      const record = parsed.data;
      const outcome = this.store.store({
        kioskId,
        txnId: record.txnId,
        seq: record.seq,
        kind: record.kind,
        occurredAt: record.occurredAt,
        body: canonicalJson(record),
        receivedAt: this.#now(),
      });
      if (outcome === 'conflict') {
        rejected.push({ seq: record.seq, code: 'conflict', message: `txnId ${record.txnId} was stored with other content` });
      } else {
        acked.push(record.seq);
      }
    }
    this.#send(res, req, 200, { acked, highWater: this.store.highWater(kioskId), rejected });
  }
}

/** JSON with object keys sorted, so that "the same content" does not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
