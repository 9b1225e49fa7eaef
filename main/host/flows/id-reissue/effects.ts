import type { CameraPort } from '../../../../drivers/camera/camera-port';
import { delay } from '../../../../drivers/common/clock';
import type { PrinterDriver } from '../../../../drivers/printer/driver';
import { maskName } from '../../../domain/id-number';
import type { AttachmentStore } from '../../store/attachments';
import type { ReceiptTexts } from '../endorsement/receipt';
import type { Effect, EffectOutcome, EffectTools } from '../engine/flow-definition';
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
/** Identity verdicts the screen has words of its own for. */
const KNOWN_VERDICTS: ReadonlySet<string> = new Set(['face_mismatch', 'liveness_failed', 'no_record', 'document_invalid']);

/** The reissue fee's words for central's payment list. */
const paymentTerms = (context: IdReissueContext) =>
  context.terms && context.reason ? { amountFen: context.terms.feeFen, description: `Resident ID card reissue (${context.reason})` } : undefined;

export function idReissueEffects(deps: IdReissueDeps): Record<string, IdReissueEffect> {
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
    capturingFace: async (_context, tools) => {
      const capture = await deps.camera.captureLive({ signal: tools.signal, timeScale: tools.timeScale });
      if (!capture.ok) {
        if (capture.reason === 'cancelled') return { event: { type: 'EFFECT_FAILED' }, effect: { camera: 'cancelled' } };
        return failed(capture.reason === 'offline' ? 'idReissue.failed.cameraOut' : 'idReissue.failed.faceNotCaptured', { camera: capture.reason });
      }
      // A still without a passed liveness check is no proof of a person at the kiosk.
      if (!capture.value.liveness.passed) return failed('idReissue.identity.liveness_failed', { camera: 'liveness-not-passed' });
      const ref = deps.attachments.put(tools.txnId, 'live.jpg', capture.value.jpeg);
      return { event: { type: 'FACE_CAPTURED', photo: { ...ref, livenessMethod: capture.value.liveness.method } }, effect: { photo: ref.sha256, liveness: capture.value.liveness.method } };
    },

    verifyingIdentity: async (context, tools) => {
      const photo = deps.attachments.read(tools.txnId, 'live.jpg');
      if (!photo || !context.idNumber || !context.livePhoto) return failed('idReissue.failed.identityNotVerified', { photo: 'missing' });
      const result = await deps.central.verifyIdentity({
        sessionId: context.sessionId,
        // The card is lost: the kiosk knows the typed number only, never the name, until central answers.
        document: { type: 'resident-id', number: context.idNumber, name: null },
        livePhoto: photo.toString('base64'),
        liveness: { passed: true, method: context.livePhoto.livenessMethod === 'turn-head' ? 'turn-head' : 'blink' },
      });
      if (!result.ok) return failed('idReissue.failed.centralUnreachable', { central: result.kind, problem: result.message });
      const answer = result.value;
      if (!answer.match) {
        const key = KNOWN_VERDICTS.has(answer.reason) ? `idReissue.identity.${answer.reason}` : 'idReissue.failed.identityNotVerified';
        return failed(key, { match: false, reason: answer.reason });
      }
      return { event: { type: 'VERIFIED', personId: answer.personId, maskedName: maskName(answer.person.name) }, effect: { match: true, score: answer.score } };
    },

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
