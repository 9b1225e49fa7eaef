/**
 * The central simulator: an HTTP server that follows central-api.md, storing what it receives in
 * its own SQLite file. The kiosk embeds it in simulator mode; tests start it on a free port and
 * turn its switches (faults, the simulated payer, verdicts) to see the kiosk's client cope.
 *
 * "Offline" drops every connection before an answer (the kiosk sees a network error, as when
 * central's host is down or a firewall resets); a 503 with Retry-After is `injectFaults`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, delay, systemClock } from '../../drivers/common/clock';
import { applicationRoutes } from './applications';
import { Attachments } from './attachments';
import { CentralStore } from './central-store';
import { eligibilityRoutes } from './eligibility';
import { Enrollment } from './enrollment';
import { type CentralCommand, HeartbeatDesk } from './heartbeat';
import { IdempotencyStore } from './idempotency';
import { identityRoutes } from './identity';
import { kioskListRoutes } from './kiosk-lists';
import { type PayerActionResult, PaymentStore, type PaymentView } from './payments';
import { type CentralReply, errorReply } from './replies';
import type { Route } from './route';
import { routeRequest } from './router';
import { type CentralSettings, defaultSettings, type IdentityFailure } from './settings';
import { syncBatchRoutes } from './sync-batch';
import { TemporaryCertificates } from './temporary-certificates';

export { canonicalJson } from './replies';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface CentralFault {
  /** HTTP status to answer with instead of handling the request. */
  readonly status: number;
  readonly code: string;
  readonly retryAfterS?: number;
  /** Only a request whose path (under /api/v1, e.g. `/payments/`) matches takes this fault; others pass. */
  readonly path?: RegExp;
}

export interface CentralSimulatorOptions {
  /** SQLite file of the simulator; ':memory:' for tests. */
  readonly dbFile: string;
  /** kioskId -> base64 secret; a kiosk neither here nor enrolled fails with bad_signature. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly port?: number;
  readonly host?: string;
  /** The simulator's time; defaults to the clock's. */
  readonly now?: () => number;
  /** Timers for slow answers (and the time, when `now` is not given). */
  readonly clock?: Clock;
  /** Starting switches, e.g. `{ autoPay: false }` for a test that pays by hand. */
  readonly settings?: Partial<CentralSettings>;
}

export class CentralSimulator {
  readonly store: CentralStore;
  readonly attachments: Attachments;
  readonly temporaryCertificates: TemporaryCertificates;
  /** Every request seen, for tests to look at (path and status only: no bodies, no personal data). 0: dropped. */
  readonly requests: Array<{ method: string; path: string; status: number }> = [];
  readonly #server: Server;
  readonly #secrets: Map<string, Buffer>;
  readonly #now: () => number;
  readonly #clock: Clock;
  readonly #options: CentralSimulatorOptions;
  readonly #faults: CentralFault[] = [];
  readonly #payments: PaymentStore;
  readonly #enrollment: Enrollment;
  readonly #idempotency: IdempotencyStore;
  readonly #heartbeats: HeartbeatDesk;
  readonly #routes: readonly Route[];
  #settings: CentralSettings;

  constructor(options: CentralSimulatorOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#now = options.now ?? (() => this.#clock.now());
    this.#settings = defaultSettings(options.settings);
    this.store = new CentralStore(options.dbFile);
    this.#secrets = new Map(Object.entries(options.secrets).map(([id, s]) => [id, Buffer.from(s, 'base64')]));
    const settings = () => this.#settings;
    this.#payments = new PaymentStore(this.store.db, settings);
    this.#enrollment = new Enrollment(this.store.db);
    this.#idempotency = new IdempotencyStore(this.store.db);
    this.#heartbeats = new HeartbeatDesk(this.store);
    this.attachments = new Attachments(this.store.db);
    this.temporaryCertificates = new TemporaryCertificates(this.store.db);
    this.#routes = [
      ...syncBatchRoutes(this.store),
      ...this.#heartbeats.routes(),
      ...identityRoutes(settings),
      ...eligibilityRoutes(settings),
      ...this.#payments.routes(),
      ...this.temporaryCertificates.routes(),
      ...applicationRoutes(this.store),
      ...this.attachments.routes(),
      ...kioskListRoutes(this.store),
    ];
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        this.#send(res, req, errorReply(500, 'internal', error instanceof Error ? error.message : String(error)));
      });
    });
  }


  /** Commands handed to a kiosk with its next heartbeat answer. */
  queueCommand(kioskId: string, command: CentralCommand): void {
    this.#heartbeats.queueCommand(kioskId, command);
  }

  /** The next heartbeat answer to this kiosk says its staff list changed. */
  markStaffListChanged(kioskId: string): void {
    this.#heartbeats.markStaffListChanged(kioskId);
  }

  /** The next requests are answered with these faults, in order, instead of being handled. */
  injectFaults(...faults: CentralFault[]): void {
    this.#faults.push(...faults);
  }

  get settings(): CentralSettings {
    return this.#settings;
  }

  /** The cooperative citizen on or off; switched on, a payment already waiting is paid `afterMs` from now. */
  setAutoPay(on: boolean, afterMs: number = this.#settings.autoPayAfterMs): void {
    const since = on && !this.#settings.autoPay ? this.#now() : this.#settings.autoPayOnSince;
    this.#settings = { ...this.#settings, autoPay: on, autoPayAfterMs: Math.max(0, afterMs), autoPayOnSince: since };
  }

  /** How long new payments stay payable. */
  setPaymentExpiry(ms: number): void {
    this.#settings = { ...this.#settings, paymentExpiryMs: Math.max(1, ms) };
  }

  /** Central down: every connection is dropped without an answer until switched back. */
  setOffline(on: boolean): void {
    this.#settings = { ...this.#settings, offline: on };
  }

  /** Every answer waits `ms` on the simulator's clock (0: answer at once). */
  setDelay(ms: number): void {
    this.#settings = { ...this.#settings, delayMs: Math.max(0, ms) };
  }

  /** Every eligibility answer is "not eligible" with this reason; null lets the registry decide. */
  setNotEligible(reason: string | null): void {
    this.#settings = { ...this.#settings, notEligibleReason: reason };
  }

  /** Every identity verification fails with this reason; null lets the registry decide. */
  setIdentityResult(result: IdentityFailure | null): void {
    this.#settings = { ...this.#settings, identityResult: result };
  }

  /** The citizen pays now: the given payment, or the newest pending one. */
  payNow(paymentId?: string): PayerActionResult {
    return this.#payments.pay(paymentId, this.#now());
  }

  /** The citizen never pays: the payment's code expires now. */
  expireNow(paymentId?: string): PayerActionResult {
    return this.#payments.expire(paymentId, this.#now());
  }

  /** The citizen refuses in the wallet app: the payment is cancelled from the payer's side. */
  refusePayment(paymentId?: string): PayerActionResult {
    return this.#payments.refuse(paymentId, this.#now());
  }

  /** The newest payments, newest first, as of now. */
  payments(limit = 20): PaymentView[] {
    return this.#payments.list(this.#now(), limit);
  }

  payment(paymentId: string): PaymentView | undefined {
    return this.#payments.get(paymentId, this.#now());
  }

  /** A one-time enrolment code for POST /enroll. */
  issueEnrollmentCode(): string {
    return this.#enrollment.issueCode(this.#now());
  }

  /** Requests with an Idempotency-Key that are still being answered (a slow answer in progress). */
  get requestsInFlight(): number {
    return this.#idempotency.inFlightCount;
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

  #send(res: ServerResponse, req: IncomingMessage, reply: CentralReply): void {
    this.requests.push({ method: req.method ?? '', path: req.url ?? '', status: reply.status });
    if (res.headersSent) return;
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      date: new Date(this.#now()).toUTCString(),
      ...reply.headers,
    });
    res.end(JSON.stringify(reply.body));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.#settings.offline) {
      this.requests.push({ method: req.method ?? '', path: req.url ?? '', status: 0 });
      req.socket.destroy();
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'too-large') return this.#send(res, req, errorReply(413, 'too_large', `body over ${MAX_BODY_BYTES} bytes`));
    const path = (req.url ?? '').replace(/^\/api\/v1/, '');
    const index = this.#faults.findIndex((f) => !f.path || f.path.test(path));
    const fault = index >= 0 ? this.#faults.splice(index, 1)[0] : undefined;
    if (fault) {
      const headers: Record<string, string> = fault.retryAfterS !== undefined ? { 'retry-after': String(fault.retryAfterS) } : {};
      return this.#send(res, req, errorReply(fault.status, fault.code, 'injected fault', headers));
    }
    const reply = await routeRequest(
      {
        db: this.store.db,
        routes: this.#routes,
        idempotency: this.#idempotency,
        enrollment: this.#enrollment,
        // An enrolment is newer than the configured secrets: a re-enrolled kiosk uses its new secret.
        secretFor: (kioskId) => this.#enrollment.secretFor(kioskId) ?? this.#secrets.get(kioskId),
        rememberNonce: (kioskId, nonce, nowMs) => this.store.rememberNonce(kioskId, nonce, nowMs),
        now: this.#now,
        answerDelay: () => (this.#settings.delayMs > 0 ? delay(this.#clock, this.#settings.delayMs) : Promise.resolve()),
      },
      { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body },
    );
    this.#send(res, req, reply);
  }
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
