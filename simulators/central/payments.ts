/**
 * Payments by QR code (central-api.md, POST /payments and after), with the simulated citizen on
 * the other side of the code. A payment's fate is worked out from the clock when it is looked at:
 * with auto-pay on it is paid `autoPayAfterMs` after it was created (or after auto-pay was
 * switched on), unless it expired first. So no timer runs, a manual clock drives it in tests, and a
 * restarted simulator reaches the same verdict from its file.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { errorReply, notFound, ok, parseRequest } from './replies';
import type { Route } from './route';
import type { CentralSettings } from './settings';

export type PaymentStatus = 'pending' | 'paid' | 'expired' | 'cancelled' | 'refunded';

export interface PaymentView {
  readonly paymentId: string;
  readonly kioskId: string;
  readonly amountFen: number;
  readonly description: string;
  readonly status: PaymentStatus;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly paidAt: number | null;
  /** Who cancelled it: the kiosk (POST .../cancel) or the payer (refused in the wallet app). */
  readonly cancelledBy: 'kiosk' | 'payer' | null;
}

/** What a control on the payer's side did, or why it could not. */
export type PayerActionResult = { readonly ok: true; readonly payment: PaymentView } | { readonly ok: false; readonly message: string };

const CreatePayment = z.object({
  sessionId: z.string().min(1).max(100),
  amountFen: z.number().int().positive().max(100_000_000),
  description: z.string().min(1).max(200),
  method: z.literal('qr'),
});

const RefundPayment = z.object({ reason: z.string().min(1).max(500) });

interface Row {
  payment_id: string;
  kiosk_id: string;
  amount_fen: number;
  description: string;
  status: PaymentStatus;
  created_at: number;
  expires_at: number;
  paid_at: number | null;
  cancelled_by: 'kiosk' | 'payer' | null;
}

const view = (row: Row): PaymentView => ({
  paymentId: row.payment_id,
  kioskId: row.kiosk_id,
  amountFen: row.amount_fen,
  description: row.description,
  status: row.status,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  paidAt: row.paid_at,
  cancelledBy: row.cancelled_by,
});

/** The payment as the contract shows it. */
export const paymentBody = (payment: PaymentView) => ({
  paymentId: payment.paymentId,
  status: payment.status,
  paidAt: payment.paidAt === null ? null : new Date(payment.paidAt).toISOString(),
});

export class PaymentStore {
  readonly #db: Database.Database;
  readonly #settings: () => CentralSettings;

  constructor(db: Database.Database, settings: () => CentralSettings) {
    this.#db = db;
    this.#settings = settings;
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS payments (
        payment_id    TEXT PRIMARY KEY,
        kiosk_id      TEXT NOT NULL,
        session_id    TEXT NOT NULL,
        amount_fen    INTEGER NOT NULL,
        description   TEXT NOT NULL,
        status        TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        expires_at    INTEGER NOT NULL,
        paid_at       INTEGER,
        cancelled_by  TEXT,
        refund_reason TEXT
      ) STRICT;
    `);
  }

  create(kioskId: string, sessionId: string, amountFen: number, description: string, nowMs: number): PaymentView {
    const id = `PAY-${randomUUID()}`;
    this.#db
      .prepare("INSERT INTO payments VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, NULL, NULL, NULL)")
      .run(id, kioskId, sessionId, amountFen, description, nowMs, nowMs + this.#settings().paymentExpiryMs);
    return this.get(id, nowMs)!;
  }

  /** The payment as of `nowMs` (what the payer did meanwhile is settled first); undefined when unknown. */
  get(paymentId: string, nowMs: number): PaymentView | undefined {
    const row = this.#db.prepare('SELECT * FROM payments WHERE payment_id = ?').get(paymentId) as Row | undefined;
    return row ? view(this.#settle(row, nowMs)) : undefined;
  }

  /** The newest payments, newest first (for the technician panel). */
  list(nowMs: number, limit = 20): PaymentView[] {
    const rows = this.#db.prepare('SELECT * FROM payments ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as Row[];
    return rows.map((row) => view(this.#settle(row, nowMs)));
  }

  /** The citizen scans and pays now. */
  pay(paymentId: string | undefined, nowMs: number): PayerActionResult {
    return this.#payerAction(paymentId, nowMs, 'paid', (id) => this.#set(id, { status: 'paid', paid_at: nowMs }));
  }

  /** The citizen walks away: the code's time runs out now. */
  expire(paymentId: string | undefined, nowMs: number): PayerActionResult {
    return this.#payerAction(paymentId, nowMs, 'expired', (id) => this.#set(id, { status: 'expired', expires_at: nowMs }));
  }

  /** The citizen refuses in the wallet app: the payment is cancelled from the payer's side. */
  refuse(paymentId: string | undefined, nowMs: number): PayerActionResult {
    return this.#payerAction(paymentId, nowMs, 'cancelled', (id) => this.#set(id, { status: 'cancelled', cancelled_by: 'payer' }));
  }

  #payerAction(paymentId: string | undefined, nowMs: number, outcome: PaymentStatus, apply: (id: string) => void): PayerActionResult {
    const payment = paymentId === undefined ? this.list(nowMs, 100).find((p) => p.status === 'pending') : this.get(paymentId, nowMs);
    if (!payment) return { ok: false, message: paymentId === undefined ? 'no payment is waiting' : `no payment ${paymentId}` };
    if (payment.status !== 'pending') return { ok: false, message: `payment ${payment.paymentId} is ${payment.status}, not pending` };
    apply(payment.paymentId);
    const after = this.get(payment.paymentId, nowMs)!;
    return after.status === outcome ? { ok: true, payment: after } : { ok: false, message: `payment ${payment.paymentId} is ${after.status}` };
  }

  #set(paymentId: string, patch: Partial<Pick<Row, 'status' | 'paid_at' | 'expires_at' | 'cancelled_by'>> & { refund_reason?: string }): void {
    const columns = Object.keys(patch);
    this.#db
      .prepare(`UPDATE payments SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE payment_id = @payment_id`)
      .run({ ...patch, payment_id: paymentId });
  }

  /** Writes down what the simulated payer has done by `nowMs`, so an answer once given stays. */
  #settle(row: Row, nowMs: number): Row {
    if (row.status !== 'pending') return row;
    const settings = this.#settings();
    if (settings.autoPay) {
      const due = Math.max(row.created_at, settings.autoPayOnSince) + settings.autoPayAfterMs;
      if (due < row.expires_at && nowMs >= due) {
        this.#set(row.payment_id, { status: 'paid', paid_at: due });
        return { ...row, status: 'paid', paid_at: due };
      }
    }
    if (nowMs >= row.expires_at) {
      this.#set(row.payment_id, { status: 'expired' });
      return { ...row, status: 'expired' };
    }
    return row;
  }

  routes(): Route[] {
    const mine = (kioskId: string, paymentId: string | undefined, nowMs: number) => {
      const payment = paymentId ? this.get(paymentId, nowMs) : undefined;
      // Another kiosk's payment does not exist for this one.
      return payment && payment.kioskId === kioskId ? payment : undefined;
    };
    return [
      {
        method: 'POST',
        pattern: /^\/payments$/,
        body: 'json',
        idempotent: true,
        handle: ({ kioskId, json, nowMs }) => {
          const request = parseRequest(CreatePayment, json);
          if (!request.ok) return request.reply;
          const { sessionId, amountFen, description } = request.value;
          const payment = this.create(kioskId, sessionId, amountFen, description, nowMs);
          return ok(
            {
              paymentId: payment.paymentId,
              // .invalid never resolves: a phone that scans a simulated code goes nowhere real.
              qrPayload: `https://pay.sim.invalid/qr/${payment.paymentId}`,
              expiresAt: new Date(payment.expiresAt).toISOString(),
            },
            201,
          );
        },
      },
      {
        method: 'GET',
        pattern: /^\/payments\/([^/]+)$/,
        body: 'none',
        handle: ({ kioskId, params, nowMs }) => {
          const payment = mine(kioskId, params[0], nowMs);
          return payment ? ok(paymentBody(payment)) : notFound(`no payment ${params[0]}`);
        },
      },
      {
        method: 'POST',
        pattern: /^\/payments\/([^/]+)\/cancel$/,
        body: 'json',
        handle: ({ kioskId, params, nowMs }) => {
          const payment = mine(kioskId, params[0], nowMs);
          if (!payment) return notFound(`no payment ${params[0]}`);
          // A payment that is no longer pending is answered as it is: a paid one must be refunded.
          if (payment.status === 'pending') this.#set(payment.paymentId, { status: 'cancelled', cancelled_by: 'kiosk' });
          return ok(paymentBody(this.get(payment.paymentId, nowMs)!));
        },
      },
      {
        method: 'POST',
        pattern: /^\/payments\/([^/]+)\/refund$/,
        body: 'json',
        idempotent: true,
        handle: ({ kioskId, params, json, nowMs }) => {
          const request = parseRequest(RefundPayment, json);
          if (!request.ok) return request.reply;
          const payment = mine(kioskId, params[0], nowMs);
          if (!payment) return notFound(`no payment ${params[0]}`);
          if (payment.status === 'paid') this.#set(payment.paymentId, { status: 'refunded', refund_reason: request.value.reason });
          else if (payment.status !== 'refunded') {
            return errorReply(409, 'not_paid', `payment ${payment.paymentId} is ${payment.status}; only a paid payment is refunded`);
          }
          return ok(paymentBody(this.get(payment.paymentId, nowMs)!));
        },
      },
    ];
  }
}
