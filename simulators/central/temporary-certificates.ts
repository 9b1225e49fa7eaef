/**
 * POST /temporary-certificates: the temporary identity certificate (临时身份证明) after a paid
 * reissue. One certificate per application: the same Idempotency-Key answers the same (see the
 * router), and a new key for an application that already has one gets that one too, so a kiosk
 * that lost its key after a crash cannot print two.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { notFound, ok, parseRequest } from './replies';
import type { Route } from './route';
import { LIVE_FACE_JPEG_BASE64 } from '../camera/live-face';
import { chinaDate } from './settings';
import { personById } from './test-registry';
import { siteFor } from './enrollment';

const IssueCertificate = z.object({
  sessionId: z.string().min(1).max(100),
  personId: z.string().min(1).max(100),
  // <kioskId>-<yyyymmdd>-<seq>, as the kiosk numbers its applications (central-api.md).
  applicationNo: z.string().regex(/^[A-Z]{2}-[A-Z]{2}-\d{4}-\d{8}-\d+$/, 'applicationNo is <kioskId>-<yyyymmdd>-<seq>'),
});

const VALID_DAYS = 30;

export class TemporaryCertificates {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS temporary_certificates (
        certificate_no TEXT PRIMARY KEY,
        kiosk_id       TEXT NOT NULL,
        application_no TEXT NOT NULL UNIQUE,
        body           TEXT NOT NULL,
        issued_at      INTEGER NOT NULL
      ) STRICT;
    `);
  }

  count(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM temporary_certificates').get() as { n: number }).n;
  }

  routes(): Route[] {
    return [
      {
        method: 'POST',
        pattern: /^\/temporary-certificates$/,
        body: 'json',
        idempotent: true,
        handle: ({ kioskId, json, nowMs }) => {
          const request = parseRequest(IssueCertificate, json);
          if (!request.ok) return request.reply;
          const person = personById(request.value.personId);
          if (!person) return notFound(`no person ${request.value.personId}`);
          const existing = this.#db
            .prepare('SELECT body FROM temporary_certificates WHERE application_no = ?')
            .get(request.value.applicationNo) as { body: string } | undefined;
          if (existing) return ok(JSON.parse(existing.body) as unknown, 201);

          const today = chinaDate(nowMs);
          const prefix = `LS${siteFor(kioskId).code.slice(0, 4)}${today.replaceAll('-', '')}`;
          const issuedToday = (
            this.#db.prepare('SELECT COUNT(*) AS n FROM temporary_certificates WHERE certificate_no LIKE ?').get(`${prefix}%`) as { n: number }
          ).n;
          const certificateNo = `${prefix}${String(issuedToday + 1).padStart(4, '0')}`;
          const body = {
            certificateNo,
            holder: { name: person.name, sex: person.sex, birthDate: person.birthDate, idNumber: person.idNumber },
            validFrom: today,
            validTo: chinaDate(nowMs + VALID_DAYS * 24 * 3600_000),
            issuer: person.issuer,
            // The QR code names the certificate only; whoever checks it asks central for the rest.
            verifyPayload: `https://verify.sim.invalid/temporary-certificates/${certificateNo}`,
            // The camera simulator's drawn, made-up face: the printed slip shows a face, not a grey square.
            photoOnRecord: person.photoOnRecord ? LIVE_FACE_JPEG_BASE64 : null,
          };
          this.#db
            .prepare('INSERT INTO temporary_certificates VALUES (?, ?, ?, ?, ?)')
            .run(certificateNo, kioskId, request.value.applicationNo, JSON.stringify(body), nowMs);
          return ok(body, 201);
        },
      },
    ];
  }
}
