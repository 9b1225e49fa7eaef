/**
 * GET /kiosks/{kioskId}/certificates and GET /kiosks/{kioskId}/staff. A kiosk asks for its own
 * lists only; another kiosk's path is not found (nothing to learn about other sites).
 *
 * The certificates waiting are the test registry's, kept up to date from what the kiosk sent by
 * /sync/batch: a `magazine-loaded` record with `payload.certificateId` and `payload.slot` puts a
 * certificate in that slot, a `certificate-pickup` record with `payload.certificateId` takes it
 * off the list, unless it says `payload.dispensed: false` (the kiosk did not hand it out: an empty
 * slot, a jam, a citizen who left; the certificate stays assigned).
 */
import type { CentralStore } from './central-store';
import { notFound, ok } from './replies';
import type { Route } from './route';
import { sha256Hex, staffListBody, WAITING_CERTIFICATES, waitingCertificateHolderId } from './test-registry-records';

function certificatesFor(store: CentralStore, kioskId: string): unknown[] {
  const slots = new Map(WAITING_CERTIFICATES.map((certificate) => [certificate.certificateId, certificate.slot]));
  for (const record of store.records(kioskId)) {
    const payload = (JSON.parse(record.body) as { payload?: Record<string, unknown> }).payload ?? {};
    const id = payload.certificateId;
    if (typeof id !== 'string' || !slots.has(id)) continue;
    if (record.kind === 'magazine-loaded' && typeof payload.slot === 'number') slots.set(id, payload.slot);
    if (record.kind === 'certificate-pickup' && payload.dispensed !== false) slots.delete(id);
  }
  return WAITING_CERTIFICATES.filter((certificate) => slots.has(certificate.certificateId)).map((certificate) => ({
    certificateId: certificate.certificateId,
    kind: certificate.kind,
    holderIdNumberSha256: sha256Hex(waitingCertificateHolderId(certificate)),
    pickupCodeSha256: sha256Hex(certificate.pickupCode),
    slot: slots.get(certificate.certificateId) ?? null,
  }));
}

export function kioskListRoutes(store: CentralStore): Route[] {
  const ownPath = (kioskId: string, asked: string | undefined) => asked === kioskId;
  return [
    {
      method: 'GET',
      pattern: /^\/kiosks\/([^/]+)\/certificates$/,
      body: 'none',
      handle: ({ kioskId, params }) =>
        ownPath(kioskId, params[0]) ? ok({ certificates: certificatesFor(store, kioskId) }) : notFound(`no kiosk ${params[0]} for this caller`),
    },
    {
      method: 'GET',
      pattern: /^\/kiosks\/([^/]+)\/staff$/,
      body: 'none',
      handle: ({ kioskId, params }) => (ownPath(kioskId, params[0]) ? ok({ staff: staffListBody() }) : notFound(`no kiosk ${params[0]} for this caller`)),
    },
  ];
}
