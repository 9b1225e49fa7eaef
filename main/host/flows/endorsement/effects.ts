import type { CameraPort } from '../../../../drivers/camera/camera-port';
import { delay } from '../../../../drivers/common/clock';
import type { CertificateUnitDriver } from '../../../../drivers/certificate-unit/driver';
import type { CertificateUnitFailure } from '../../../../drivers/certificate-unit/errors';
import type { IdReaderDriver } from '../../../../drivers/id-reader/driver';
import type { PrinterDriver } from '../../../../drivers/printer/driver';
import type { EndorsementOption } from '../../../api/contract';
import { maskName } from '../../../domain/id-number';
import type { AttachmentStore } from '../../store/attachments';
import type { Effect, EffectOutcome, EffectTools } from '../engine/flow-definition';
import { type PaymentStepsDeps, paymentSteps } from '../payment/payment-steps';
import type { EndorsementCentral } from './central-port';
import { endorsementReceipt, failureReceipt, type ReceiptTexts } from './receipt';
import type { EndorsementContext, EndorsementEvent, PermitFate } from './types';

export interface EndorsementDeps extends PaymentStepsDeps {
  readonly certificateUnit: CertificateUnitDriver;
  readonly idReader: IdReaderDriver;
  readonly printer: PrinterDriver;
  readonly camera: CameraPort;
  readonly central: EndorsementCentral;
  readonly attachments: AttachmentStore;
  readonly receiptTexts: ReceiptTexts;
  /** How long the citizen has to insert the permit. */
  readonly insertTimeoutMs: number;
  /** How long a permit waits in the gate before it is retained (contract default 30 s). */
  readonly takeBackTimeoutMs: number;
}

type Outcome = EffectOutcome<EndorsementEvent>;
type EndorsementEffect = Effect<EndorsementContext, EndorsementEvent>;

const failed = (failureKey: string, effect: Record<string, unknown>): Outcome => ({ event: { type: 'FAILED', failureKey }, effect });
const unitFailed = (failure: CertificateUnitFailure, failureKey: string): Outcome =>
  failed(failureKey, { device: 'certificate-unit', reason: failure.reason, errorCode: failure.errorCode ?? null });

/** Permit jams and a unit that stops answering get their own words; the rest is a device fault. */
function unitFailureKey(failure: CertificateUnitFailure): string {
  switch (failure.reason) {
    case 'card-jam':
      return 'endorsement.failed.permitJammed';
    case 'rf-activation-failed':
    case 'card-command-not-supported':
    case 'card-no-response':
    case 'invalid-record':
      return 'endorsement.failed.permitUnreadable';
    default:
      return 'endorsement.failed.deviceFault';
  }
}

export function endorsementEffects(deps: EndorsementDeps): Record<string, EndorsementEffect> {
  const unit = deps.certificateUnit;
  const pay = paymentSteps<EndorsementContext>(
    deps,
    (context) => (context.chosen ? { amountFen: context.chosen.feeFen, description: `HK/Macau endorsement ${context.chosen.code} ${context.chosen.validity}` } : undefined),
    { centralUnreachableKey: 'endorsement.failed.centralUnreachable', refundReason: 'endorsement not delivered' },
  );

  /**
   * Where a permit that went in has gone when the unit is found empty: the host died while handing
   * it back (or retaining it) and never heard the end. Only the retain counter still knows: one
   * more than at insertion is this permit in the bin (it must be recorded as retained), the same
   * count is the citizen's hand. Without both counts nobody can tell, and the record says so.
   */
  const fateOfGonePermit = async (context: EndorsementContext): Promise<Outcome> => {
    const now = await unit.retainCount();
    const before = context.retainCountAtInsert;
    const count = now.ok ? now.retainCount : null;
    const fate: PermitFate = count === null || before === undefined ? 'unknown' : count === before + 1 ? 'retained' : count === before ? 'taken' : 'unknown';
    return { event: { type: 'PERMIT_OUT', fate }, effect: { card: 'none', fate, retainCount: count, retainCountAtInsert: before ?? null } };
  };

  /** Hands whatever card the unit holds back to the citizen; one not taken in time is retained. */
  const giveBack = async (context: EndorsementContext, tools: EffectTools): Promise<Outcome> => {
    let status = await unit.getStatus();
    // A unit that does not answer (after a restart, a power cut) says nothing about the card: its
    // "no card" is only the driver's default. Wait for it rather than forget a permit inside.
    for (let attempt = 0; status.status === 'offline' && context.permitIn && !tools.signal.aborted; attempt++) {
      tools.log.warn({ attempt }, 'certificate unit not answering; the permit is handed back once it does');
      await delay(tools.clock, Math.min(deps.maxRetryDelayMs, 1000 * 2 ** Math.min(attempt, 5)));
      status = await unit.getStatus();
    }
    if (status.card === 'none') {
      if (context.permitIn) return fateOfGonePermit(context);
      return { event: { type: 'PERMIT_OUT', fate: 'not-inserted' }, effect: { card: 'none' } };
    }
    const out = await unit.ejectAndWaitForTaken({ takeTimeoutMs: deps.takeBackTimeoutMs * tools.timeScale, signal: tools.signal });
    if (!out.ok) return unitFailed(out, unitFailureKey(out));
    const fate: PermitFate = out.outcome;
    return { event: { type: 'PERMIT_OUT', fate }, effect: { card: fate, retainCount: out.outcome === 'retained' ? (out.retainCount ?? null) : null } };
  };

  const printReceipt = async (document: Parameters<PrinterDriver['print']>[0]): Promise<Outcome> => {
    const printed = await deps.printer.print(document);
    return {
      event: { type: 'RECEIPT_DONE', printed: printed.ok },
      effect: printed.ok ? { receipt: 'printed', bytes: printed.bytesSent } : { receipt: 'not-printed', reason: printed.reason },
    };
  };

  return {
    insertPermit: async (_context, tools) => {
      const taken = await unit.takePermit({ timeoutMs: deps.insertTimeoutMs * tools.timeScale, signal: tools.signal });
      if (!taken.ok) return taken.reason === 'timeout' ? { event: { type: 'TIMEOUT' }, effect: { permit: 'not-inserted' } } : unitFailed(taken, unitFailureKey(taken));
      // Journaled with the permit's arrival: the hand-back may need it to find where the permit went.
      const counter = await unit.retainCount();
      const retainCount = counter.ok ? counter.retainCount : undefined;
      return { event: { type: 'PERMIT_IN', ...(retainCount === undefined ? {} : { retainCount }) }, effect: { card: 'inside', retainCount: retainCount ?? null } };
    },

    readingPermit: async () => {
      const read = await unit.readPermit();
      if (!read.ok) return unitFailed(read, unitFailureKey(read));
      const { permit, uid } = read;
      return {
        event: { type: 'PERMIT_READ', permit: { number: permit.permitNumber, nameZh: permit.nameZh, uid } },
        effect: { chip: 'read', uid },
      };
    },

    readingIdCard: async (_context, tools) => {
      const present = await deps.idReader.waitForCard({ signal: tools.signal });
      if (!present.ok) {
        if (present.reason === 'cancelled') return { event: { type: 'EFFECT_FAILED' }, effect: { idCard: 'cancelled' } };
        return failed(present.reason === 'offline' || present.reason === 'timeout' ? 'errors.readerOutOfService' : 'errors.cardReadFailed', { idCard: present.reason });
      }
      const read = await deps.idReader.readCard();
      if (!read.ok) return failed(read.reason === 'unknown-card-type' ? 'errors.cardNotSupported' : 'errors.cardReadFailed', { idCard: read.reason });
      return { event: { type: 'ID_CARD_READ', idNumber: read.value.idNumber }, effect: { idCard: 'read', cardType: read.value.cardType } };
    },

    capturingFace: async (_context, tools) => {
      const capture = await deps.camera.captureLive({ signal: tools.signal, timeScale: tools.timeScale });
      if (!capture.ok) return failed('endorsement.failed.identityNotVerified', { camera: capture.reason });
      const ref = deps.attachments.put(tools.txnId, 'live.jpg', capture.value.jpeg);
      return { event: { type: 'FACE_CAPTURED', photo: { ...ref, livenessMethod: capture.value.liveness.method } }, effect: { photo: ref.sha256, liveness: capture.value.liveness.method } };
    },

    verifyingIdentity: async (context, tools) => {
      const photo = deps.attachments.read(tools.txnId, 'live.jpg');
      if (!photo || !context.permit || !context.livePhoto) return failed('endorsement.failed.identityNotVerified', { photo: 'missing' });
      const result = await deps.central.verifyIdentity({
        sessionId: context.sessionId,
        document: { type: 'hk-macau-permit', number: context.permit.number, name: context.permit.nameZh },
        livePhoto: photo.toString('base64'),
        liveness: { passed: true, method: context.livePhoto.livenessMethod === 'turn-head' ? 'turn-head' : 'blink' },
      });
      if (!result.ok) return failed('endorsement.failed.centralUnreachable', { central: result.kind, problem: result.message });
      const answer = result.value;
      if (!answer.match) return failed('endorsement.failed.identityNotVerified', { match: false, reason: answer.reason });
      return { event: { type: 'VERIFIED', personId: answer.personId, maskedName: maskName(answer.person.name) }, effect: { match: true, score: answer.score } };
    },

    checkingEligibility: async (context) => {
      const result = await deps.central.endorsementEligibility({ sessionId: context.sessionId, permitNumber: context.permit!.number, idNumber: context.idNumber! });
      if (!result.ok) return failed('endorsement.failed.centralUnreachable', { central: result.kind, problem: result.message });
      const { options, notEligibleReason } = result.value;
      if (notEligibleReason || options.length === 0) {
        const key = notEligibleReason && KNOWN_REASONS.has(notEligibleReason) ? `endorsement.notEligible.${notEligibleReason}` : 'endorsement.failed.notEligible';
        return failed(key, { eligible: false, reason: notEligibleReason });
      }
      return { event: { type: 'ELIGIBLE', options: options.slice(0, 12) }, effect: { eligible: true, options: options.length } };
    },

    creatingPayment: pay.create,
    awaitingPayment: pay.awaitPaid,

    cancellingPayment: pay.close,
    settlingPayment: pay.close,

    writing: async (context) => {
      const chosen = context.chosen!;
      const validTo = endorsementValidTo(chosen, context.startedAtMs);
      // After a crash the write may already be on the chip: the very endorsement, valid to the day.
      const before = await unit.readPermit();
      if (before.ok && before.permit.endorsements.some((e) => e.code === chosen.code && e.validity === chosen.validity && e.validTo === validTo)) {
        return { event: { type: 'WRITTEN' }, effect: { chip: 'already-written' } };
      }
      const written = await unit.writeEndorsement({ code: chosen.code, validity: chosen.validity, entriesLeft: chosen.entries === 'multiple' ? 99 : chosen.entries, validTo });
      if (!written.ok) return unitFailed(written, 'endorsement.failed.writeFailedRefunded');
      return { event: { type: 'WRITTEN' }, effect: { chip: 'written', code: chosen.code, validity: chosen.validity, validTo } };
    },

    printingCardBack: async (context, tools) => {
      const chosen = context.chosen!;
      const lines = [`${chosen.code} ${chosen.validity} ${chosen.entries === 'multiple' ? 'MULTI' : `${chosen.entries}X`}`, `TO ${endorsementValidTo(chosen, context.startedAtMs)}`, context.transactionNo.slice(-12)];
      const printed = await unit.printCardBack(lines, { signal: tools.signal });
      return { event: { type: 'CARD_BACK_DONE', printed: printed.ok }, effect: printed.ok ? { cardBack: 'printed' } : { cardBack: 'failed', reason: printed.reason } };
    },

    handingBack: giveBack,
    returningPermit: giveBack,

    printingReceipt: (context) => printReceipt(endorsementReceipt(context, deps.receiptTexts)),
    printingFailureReceipt: (context) => printReceipt(failureReceipt(context, deps.receiptTexts)),

    refunding: pay.refund,
    refundingLate: pay.refund,
  };
}

/** Reasons central gives that the screen has words of its own for. */
const KNOWN_REASONS: ReadonlySet<string> = new Set(['permit_expired', 'quota_reached', 'record_mismatch', 'application_in_progress']);

/** The last day an endorsement chosen today is valid (3M / 1Y from the day it is issued). */
export function endorsementValidTo(option: EndorsementOption, issuedAtMs: number): string {
  const date = new Date(issuedAtMs);
  const match = /^(\d+)([MY])$/.exec(option.validity);
  const amount = match ? Number(match[1]) : 12;
  const months = match?.[2] === 'Y' ? amount * 12 : amount;
  date.setUTCMonth(date.getUTCMonth() + months);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
