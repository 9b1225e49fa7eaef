/**
 * POST /enroll, the one unsigned call: a one-time enrolment code (issued here by tests or the
 * technician panel) buys a kiosk its secret. Codes and enrolled kiosks live in the simulator's
 * file, so an enrolled kiosk is still known after a restart.
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { type CentralReply, errorReply, ok, parseRequest } from './replies';

const EnrollRequest = z.object({
  enrollmentCode: z.string().min(1).max(40),
  kioskId: z.string().regex(/^[A-Z]{2}-[A-Z]{2,4}-\d{4}$/, 'kioskId is <province>-<city>-<4 digits>'),
  softwareVersion: z.string().min(1).max(50),
  hardware: z.record(z.string(), z.unknown()),
});

/** No I, O, 0 or 1: a field engineer types the code from a sheet of paper. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const SITES: Readonly<Record<string, { code: string; name: string }>> = {
  'GD-GZ': { code: '440100', name: '广州市公安局（模拟）' },
  'GD-SZ': { code: '440300', name: '深圳市公安局（模拟）' },
  'GD-ZH': { code: '440400', name: '珠海市公安局（模拟）' },
};

export const siteFor = (kioskId: string): { code: string; name: string } => SITES[kioskId.slice(0, 5)] ?? SITES['GD-GZ']!;

export const ENROLLED_SERVICES = ['hk-macau-endorsement', 'id-reissue', 'certificate-pickup', 'certificate-reprint'] as const;

export class Enrollment {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS enrollment_codes (
        code      TEXT PRIMARY KEY,
        issued_at INTEGER NOT NULL,
        used_at   INTEGER,
        used_by   TEXT
      ) STRICT;
      CREATE TABLE IF NOT EXISTS enrolled_kiosks (
        kiosk_id    TEXT PRIMARY KEY,
        secret      TEXT NOT NULL,
        enrolled_at INTEGER NOT NULL
      ) STRICT;
    `);
  }

  /** A fresh one-time code, e.g. `K7QX-M2TB-9RHD`. */
  issueCode(nowMs: number): string {
    const bytes = randomBytes(12);
    const chars = Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]!);
    const code = [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
    this.#db.prepare('INSERT INTO enrollment_codes VALUES (?, ?, NULL, NULL)').run(code, nowMs);
    return code;
  }

  /** The secret a kiosk got at enrolment (raw bytes), undefined when it never enrolled. */
  secretFor(kioskId: string): Buffer | undefined {
    const row = this.#db.prepare('SELECT secret FROM enrolled_kiosks WHERE kiosk_id = ?').get(kioskId) as { secret: string } | undefined;
    return row ? Buffer.from(row.secret, 'base64') : undefined;
  }

  enroll(json: unknown, nowMs: number): CentralReply {
    const request = parseRequest(EnrollRequest, json);
    if (!request.ok) return request.reply;
    const code = request.value.enrollmentCode.trim().toUpperCase();
    return this.#db.transaction((): CentralReply => {
      const row = this.#db.prepare('SELECT used_at FROM enrollment_codes WHERE code = ?').get(code) as { used_at: number | null } | undefined;
      if (!row) return errorReply(404, 'unknown_code', 'no such enrolment code');
      if (row.used_at !== null) return errorReply(409, 'code_used', 'this enrolment code was used before');
      const secret = randomBytes(32).toString('base64');
      this.#db.prepare('UPDATE enrollment_codes SET used_at = ?, used_by = ? WHERE code = ?').run(nowMs, request.value.kioskId, code);
      // Enrolling again (a replaced terminal) gives the kiosk id a new secret; the old one stops working.
      this.#db.prepare('INSERT OR REPLACE INTO enrolled_kiosks VALUES (?, ?, ?)').run(request.value.kioskId, secret, nowMs);
      return ok(
        {
          kioskId: request.value.kioskId,
          secret,
          site: siteFor(request.value.kioskId),
          services: ENROLLED_SERVICES,
          serverTime: new Date(nowMs).toISOString(),
        },
        201,
      );
    })();
  }
}
