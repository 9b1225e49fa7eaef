/**
 * POST /endorsements/eligibility and POST /id-reissue/eligibility: what central offers this
 * citizen and for how much. The kiosk shows these answers; it has no fee table of its own.
 */
import { z } from 'zod';
import { notFound, ok, parseRequest } from './replies';
import type { Route } from './route';
import { chinaDate, type CentralSettings } from './settings';
import { maskedAddress, personById, personByIdNumber, REISSUE_FEES_FEN, registryPermit, STATIONS } from './test-registry';

const EndorsementEligibility = z.object({
  sessionId: z.string().min(1).max(100),
  permitNumber: z.string().min(1).max(20),
  idNumber: z.string().min(1).max(40),
});

const ReissueEligibility = z.object({
  sessionId: z.string().min(1).max(100),
  personId: z.string().min(1).max(100),
  reason: z.enum(['lost', 'damaged', 'expired']),
});

export function eligibilityRoutes(settings: () => CentralSettings): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/endorsements\/eligibility$/,
      body: 'json',
      handle: ({ json, nowMs }) => {
        const request = parseRequest(EndorsementEligibility, json);
        if (!request.ok) return request.reply;
        const permit = registryPermit(request.value.permitNumber);
        if (!permit) return notFound(`no permit ${request.value.permitNumber}`);
        const holder = personByIdNumber(request.value.idNumber);
        const refusal =
          settings().notEligibleReason ??
          (holder?.permit?.number !== permit.number
            ? 'permit_holder_mismatch'
            : permit.validTo < chinaDate(nowMs)
              ? 'permit_expired'
              : permit.options.length === 0
                ? 'no_endorsement_available'
                : null);
        return ok({
          permit: { number: permit.number, validTo: permit.validTo },
          options: refusal ? [] : permit.options,
          notEligibleReason: refusal,
        });
      },
    },
    {
      method: 'POST',
      pattern: /^\/id-reissue\/eligibility$/,
      body: 'json',
      handle: ({ json }) => {
        const request = parseRequest(ReissueEligibility, json);
        if (!request.ok) return request.reply;
        const person = personById(request.value.personId);
        if (!person) return notFound(`no person ${request.value.personId}`);
        const refusal = settings().notEligibleReason ?? person.reissueRefusal;
        if (refusal) {
          return ok({
            eligible: false,
            feeFen: null,
            photoOnRecord: person.photoOnRecord,
            deliveryOptions: [],
            stations: [],
            registeredAddressMasked: null,
            notEligibleReason: refusal,
          });
        }
        return ok({
          eligible: true,
          feeFen: REISSUE_FEES_FEN[request.value.reason],
          photoOnRecord: person.photoOnRecord,
          deliveryOptions: ['this-kiosk', 'station', 'mail-registered-address'],
          stations: STATIONS,
          registeredAddressMasked: maskedAddress(person.address),
          notEligibleReason: null,
        });
      },
    },
  ];
}
