/**
 * POST /identity/verify against the simulated registry. The order of checks is the order a real
 * registry would give up in: no live person, no such document, a document that does not check
 * out, a face that is someone else's.
 */
import { z } from 'zod';
import { type CentralReply, ok, parseRequest } from './replies';
import type { Route } from './route';
import { looksLikeBase64Jpeg } from './sample-jpeg';
import { chinaDate, type CentralSettings, type IdentityFailure } from './settings';
import { personByIdNumber, personByPermit, type RegistryPerson } from './test-registry';

const VerifyIdentity = z.object({
  sessionId: z.string().min(1).max(100),
  document: z.object({
    type: z.enum(['resident-id', 'hk-macau-permit']),
    number: z.string().min(1).max(40),
    name: z.string().min(1).max(100).nullable(),
  }),
  livePhoto: z.string().min(1).refine(looksLikeBase64Jpeg, 'livePhoto must be a base64 JPEG'),
  liveness: z.object({ passed: z.boolean(), method: z.enum(['blink', 'turn-head']) }),
});
type VerifyIdentity = z.infer<typeof VerifyIdentity>;

type Verdict = { readonly match: true; readonly person: RegistryPerson } | { readonly match: false; readonly reason: IdentityFailure };

export function verifyIdentity(request: VerifyIdentity, nowMs: number, forced: IdentityFailure | null): Verdict {
  if (forced) return { match: false, reason: forced };
  if (!request.liveness.passed) return { match: false, reason: 'liveness_failed' };
  const { type, number, name } = request.document;
  const person = type === 'resident-id' ? personByIdNumber(number) : personByPermit(number);
  if (!person) return { match: false, reason: 'no_record' };
  // The name given must be the one issued on that document; a card past its validity is no proof.
  const issuedName = type === 'resident-id' ? person.name : person.permit!.name;
  if (name !== null && name.trim() !== issuedName) return { match: false, reason: 'document_invalid' };
  const validTo = type === 'resident-id' ? person.cardValidTo : person.permit!.validTo;
  if (validTo !== 'long-term' && validTo < chinaDate(nowMs)) return { match: false, reason: 'document_invalid' };
  if (!person.faceMatches) return { match: false, reason: 'face_mismatch' };
  return { match: true, person };
}

export function identityRoutes(settings: () => CentralSettings): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/identity\/verify$/,
      body: 'json',
      handle: ({ json, nowMs }): CentralReply => {
        const request = parseRequest(VerifyIdentity, json);
        if (!request.ok) return request.reply;
        const verdict = verifyIdentity(request.value, nowMs, settings().identityResult);
        if (!verdict.match) return ok({ match: false, score: 0, personId: null, person: null, reason: verdict.reason });
        const { person } = verdict;
        return ok({
          match: true,
          score: person.score,
          personId: person.personId,
          person: { name: person.name, sex: person.sex, birthDate: person.birthDate },
          reason: null,
        });
      },
    },
  ];
}
