import type { CameraPort } from '../../../../drivers/camera/camera-port';
import { delay } from '../../../../drivers/common/clock';
import type { PrinterDriver } from '../../../../drivers/printer/driver';
import type { AttachmentStore } from '../../store/attachments';
import type { ReceiptTexts } from '../endorsement/receipt';
import type { Effect, EffectOutcome, EffectTools } from '../engine/flow-definition';
import { typedIdentitySteps } from '../typed-identity/face-steps';
import { paymentSteps, type PaymentStepsDeps, retryDelayMs } from '../payment/payment-steps';
import type { CertificateSlipPrinter } from './certificate-slip';
import type { IdReissueCentral } from './central-port';
import { reissueFailureReceipt, reissueReceipt } from './receipt';
import type { IdReissueContext, IdReissueEvent } from './types';

export interface IdReissueDeps extends PaymentStepsDeps {
  readonly printer: Pick<PrinterDriver, 'print'>;
  readonly camera: CameraPort;
  readonly central: IdReissueCentral;
  readonly attachments: AttachmentStore;
  readonly receiptTexts: ReceiptTexts;
  readonly certificateSlip: CertificateSlipPrinter;
  /** Tries of POST /temporary-certificates before the application completes without a certificate. */
  readonly certificateAttempts: number;
}

type Outcome = EffectOutcome<IdReissueEvent>;
type IdReissueEffect = Effect<IdReissueContext, IdReissueEvent>;

const failed = (failureKey: string, effect: Record<string, unknown>): Outcome => ({ event: { type: 'FAILED', failureKey }, effect });

/** Refusals central gives that the screen has words of its own for. */
const KNOWN_REFUSALS: ReadonlySet<string> = new Set(['application_in_progress', 'not_a_resident_id_holder']);

/** The reissue fee's words for central's payment list. */
const paymentTerms = (context: IdReissueContext) =>
  context.terms && context.reason ? { amountFen: context.terms.feeFen, description: `Resident ID card reissue (${context.reason})` } : undefined;

export function idReissueEffects(deps: IdReissueDeps): Record<string, IdReissueEffect> {
  const identity = typedIdentitySteps<IdReissueContext>(deps, 'idReissue');
  const pay = paymentSteps<IdReissueContext>(deps, paymentTerms, { centralUnreachableKey: 'idReissue.failed.centralUnreachable', refundReason: 'ID card reissue not delivered' });

  const printReceipt = async (document: Parameters<PrinterDriver['print']>[0]): Promise<Outcome> => {
    const printed = await deps.printer.print(document);
    return {
      event: { type: 'RECEIPT_DONE', printed: printed.ok },
      effect: printed.ok ? { receipt: 'printed', bytes: printed.bytesSent } : { receipt: 'not-printed', reason: printed.reason },
    };
  };

  /** A few tries: a central that stays away leaves the application standing and the certificate for later. */
  const issueCertificate = async (context: IdReissueContext, tools: EffectTools): Promise<Outcome> => {
    const request = { sessionId: context.sessionId, personId: context.person!.personId, applicationNo: context.applicationNo };
    for (let attempt = 0; ; attempt++) {
      const result = await deps.central.issueTemporaryCertificate(request, context.certificateKey!);
      if (result.ok) {
        return { event: { type: 'CERTIFICATE_ISSUED', certificate: result.value }, effect: { certificate: 'issued', certificateNo: result.value.certificateNo } };
      }
      if (!result.retryable) {
        tools.log.error({ code: result.code, problem: result.message }, 'central refused the temporary certificate');
        return { event: { type: 'CERTIFICATE_REFUSED', code: result.code ?? result.kind }, effect: { certificate: 'refused', code: result.code ?? result.kind } };
      }
      if (attempt + 1 >= deps.certificateAttempts || tools.signal.aborted) {
        return { event: { type: 'CERTIFICATE_UNAVAILABLE' }, effect: { certificate: 'unavailable', attempts: attempt + 1, problem: result.message } };
      }
      await delay(tools.clock, retryDelayMs(attempt, deps.maxRetryDelayMs, result.retryAfterMs));
    }
  };

  return {
    ...identity,

    checkingEligibility: async (context) => {
      const result = await deps.central.idReissueEligibility({ sessionId: context.sessionId, personId: context.person!.personId, reason: context.reason! });
      if (!result.ok) return failed('idReissue.failed.centralUnreachable', { central: result.kind, problem: result.message });
      const answer = result.value;
      if (!answer.eligible) {
        const key = KNOWN_REFUSALS.has(answer.notEligibleReason) ? `idReissue.notEligible.${answer.notEligibleReason}` : 'idReissue.failed.notEligible';
        return failed(key, { eligible: false, reason: answer.notEligibleReason });
      }
      const terms = {
        feeFen: answer.feeFen,
        photoOnRecord: answer.photoOnRecord,
        deliveryOptions: answer.deliveryOptions,
        stations: answer.stations,
        registeredAddressMasked: answer.registeredAddressMasked,
      };
      return { event: { type: 'ELIGIBLE', terms }, effect: { eligible: true, feeFen: answer.feeFen, photoOnRecord: answer.photoOnRecord, stations: answer.stations.length } };
    },

    capturingIdPhoto: async (_context, tools) => {
      const photo = await deps.camera.captureIdPhoto({ signal: tools.signal, timeScale: tools.timeScale });
      if (!photo.ok) {
        if (photo.reason === 'cancelled') return { event: { type: 'EFFECT_FAILED' }, effect: { camera: 'cancelled' } };
        if (photo.reason === 'offline') return failed('idReissue.failed.cameraOut', { camera: 'offline' });
        return { event: { type: 'ID_PHOTO_FAILED', messageKey: 'idReissue.photo.notAccepted' }, effect: { camera: photo.reason } };
      }
      const ref = deps.attachments.put(tools.txnId, 'id-photo.jpg', photo.value.jpeg);
      return { event: { type: 'ID_PHOTO_TAKEN', photo: ref }, effect: { photo: ref.sha256, bytes: ref.bytes, checks: photo.value.quality.checks } };
    },

    creatingPayment: pay.create,
    awaitingPayment: pay.awaitPaid,
    cancellingPayment: pay.close,
    settlingPayment: pay.close,
    refunding: pay.refund,
    refundingLate: pay.refund,

    issuingCertificate: issueCertificate,
    printingReceipt: (context) => printReceipt(reissueReceipt(context, deps.receiptTexts)),
    printingFailureReceipt: (context) => printReceipt(reissueFailureReceipt(context, deps.receiptTexts)),
    printingCertificate: async (context, tools) => {
      // Central's photo on record goes on the slip; the photo taken here only when central has none.
      const kioskPhoto = context.photo === 'new' ? deps.attachments.read(tools.txnId, 'id-photo.jpg') : undefined;
      const printed = await deps.certificateSlip(context.certificate!, kioskPhoto ? { kioskPhotoJpeg: kioskPhoto } : {});
      return { event: { type: 'CERTIFICATE_PRINTED', printed: printed.ok }, effect: printed.ok ? { certificate: 'printed' } : { certificate: 'not-printed', reason: printed.reason } };
    },
  };
}
