import type { CentralApi } from '../../central/central-api';
import type { Effect, EffectOutcome } from '../engine/flow-definition';
import type { CertificateSlipPrinter } from '../id-reissue/certificate-slip';
import { typedIdentitySteps, type TypedIdentityDeps } from '../typed-identity/face-steps';
import { REPRINTABLE_STATUSES, type ReprintableApplication, type ReprintContext, type ReprintEvent } from './types';

export interface ReprintDeps extends TypedIdentityDeps {
  readonly central: Pick<CentralApi, 'verifyIdentity' | 'queryApplications' | 'issueTemporaryCertificate'>;
  /** The reissue's slip: the same layout, the same printer port. */
  readonly certificateSlip: CertificateSlipPrinter;
}

type Outcome = EffectOutcome<ReprintEvent>;

const failed = (failureKey: string, effect: Record<string, unknown>): Outcome => ({ event: { type: 'FAILED', failureKey }, effect });

/** The calendar day in China (UTC+8, no daylight saving), as central writes validity dates. */
export function chinaDate(epochMs: number): string {
  return new Date(epochMs + 8 * 3600_000).toISOString().slice(0, 10);
}

const isReprintable = (status: string): status is ReprintableApplication['status'] => (REPRINTABLE_STATUSES as readonly string[]).includes(status);

/**
 * What the citizen is told when the slip did not come out: no paper (print it elsewhere), no photo
 * of the holder at central (a slip without a photo is no certificate: only a counter can help), or
 * the printer's fault.
 */
const SLIP_FAILURES: Readonly<Record<string, string>> = {
  'paper-out': 'reprint.failed.paperOut',
  'photo-missing': 'reprint.failed.noPhoto',
};

/** The most applications one screen lists; a person has one or two in practice. */
export const MAX_APPLICATIONS = 12;

export function reprintEffects(deps: ReprintDeps): Record<string, Effect<ReprintContext, ReprintEvent>> {
  return {
    ...typedIdentitySteps<ReprintContext>(deps, 'reprint'),

    findingApplications: async (context) => {
      const result = await deps.central.queryApplications({ sessionId: context.sessionId, idNumber: context.idNumber! });
      if (!result.ok) return failed('reprint.failed.centralUnreachable', { central: result.kind, problem: result.message });
      const applications = result.value
        .filter((application) => application.kind === 'id-reissue')
        .flatMap((application) =>
          isReprintable(application.status) ? [{ applicationNo: application.applicationNo, status: application.status, submittedAt: application.submittedAt }] : [],
        )
        // Newest first: the one the citizen just made is on top.
        .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
        .slice(0, MAX_APPLICATIONS);
      return { event: { type: 'APPLICATIONS_FOUND', applications }, effect: { listed: result.value.length, reprintable: applications.length } };
    },

    issuingCertificate: async (context, tools) => {
      const request = { sessionId: context.sessionId, personId: context.personId!, applicationNo: context.applicationNo! };
      const result = await deps.central.issueTemporaryCertificate(request, context.certificateKey!);
      if (!result.ok) {
        if (result.retryable) return failed('reprint.failed.centralUnreachable', { certificate: 'unavailable', central: result.kind, problem: result.message });
        tools.log.error({ code: result.code, problem: result.message }, 'central refused the temporary certificate');
        return failed('reprint.failed.certificateRefused', { certificate: 'refused', code: result.code ?? result.kind });
      }
      const certificate = result.value;
      const today = chinaDate(tools.clock.now());
      if (certificate.validTo < today) {
        return {
          event: { type: 'CERTIFICATE_EXPIRED', certificateNo: certificate.certificateNo, validTo: certificate.validTo },
          effect: { certificate: 'expired', certificateNo: certificate.certificateNo, validTo: certificate.validTo, today },
        };
      }
      return { event: { type: 'CERTIFICATE_ISSUED', certificate }, effect: { certificate: 'issued', certificateNo: certificate.certificateNo, validTo: certificate.validTo } };
    },

    printingCertificate: async (context) => {
      // The photo on the slip is central's photo on record; a reprint has no photo taken for the application here.
      const printed = await deps.certificateSlip(context.certificate!, {});
      if (printed.ok) return { event: { type: 'CERTIFICATE_PRINTED', printed: true }, effect: { slip: 'printed' } };
      const failureKey = SLIP_FAILURES[printed.reason] ?? 'reprint.failed.notPrinted';
      return { event: { type: 'CERTIFICATE_PRINTED', printed: false, failureKey }, effect: { slip: 'not-printed', reason: printed.reason } };
    },
  };
}
