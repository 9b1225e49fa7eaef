import type { CameraPort } from '../../../../drivers/camera/camera-port';
import type { CertificateUnitDriver } from '../../../../drivers/certificate-unit/driver';
import type { CertificateUnitFailure } from '../../../../drivers/certificate-unit/errors';
import type { CertificateUnitStatus } from '../../../../drivers/certificate-unit/types';
import { delay } from '../../../../drivers/common/clock';
import type { CentralApi } from '../../central/central-api';
import type { AttachmentStore } from '../../store/attachments';
import type { Effect, EffectOutcome, EffectTools } from '../engine/flow-definition';
import { matchCertificate } from './matching';
import type { CertificateFate, MatchedCertificate, PickupContext, PickupEvent, StaffAction } from './types';

export interface PickupDeps {
  readonly certificateUnit: CertificateUnitDriver;
  readonly camera: CameraPort;
  readonly central: Pick<CentralApi, 'verifyIdentity' | 'kioskCertificates'>;
  readonly attachments: AttachmentStore;
  /** How long a certificate waits in the gate before it is retained (contract default 30 s). */
  readonly takeBackTimeoutMs: number;
  /** Longest wait between asking a silent unit again. */
  readonly maxRetryDelayMs: number;
}

type Outcome = EffectOutcome<PickupEvent>;

const failed = (failureKey: string, effect: Record<string, unknown>, staffAction?: StaffAction): Outcome => ({
  event: staffAction ? { type: 'FAILED', failureKey, staffAction } : { type: 'FAILED', failureKey },
  effect: staffAction ? { ...effect, staffAction } : effect,
});

/** A failure about the certificate found: the record names it for staff. */
const failedWith = (certificate: MatchedCertificate, outcome: Outcome): Outcome =>
  outcome.event.type === 'FAILED' ? { event: { ...outcome.event, certificate }, effect: { ...outcome.effect, certificateId: certificate.certificateId, slot: certificate.slot } } : outcome;

/** A unit failure as the citizen and staff need it: a jam and an empty slot have words of their own. */
function unitFailed(failure: CertificateUnitFailure): Outcome {
  const effect = { device: 'certificate-unit', reason: failure.reason, errorCode: failure.errorCode ?? null };
  switch (failure.reason) {
    case 'card-jam':
      return failed('pickup.failed.jammed', effect, 'clear-jam');
    case 'slot-empty':
    case 'stock-empty':
      return failed('pickup.failed.notAvailable', effect, 'check-magazine');
    default:
      return failed('pickup.failed.deviceFault', effect, 'check-unit');
  }
}

const MATCH_FAILURES = {
  'none-waiting': 'pickup.failed.noCertificate',
  'code-mismatch': 'pickup.failed.codeMismatch',
  'not-loaded': 'pickup.failed.notLoadedYet',
} as const;

export function pickupEffects(deps: PickupDeps): Record<string, Effect<PickupContext, PickupEvent>> {
  const unit = deps.certificateUnit;
  /**
   * Transactions whose certificate this process saw reach the gate. Their hand-over has a citizen
   * in front of it: a unit that stops answering then ends it at once (staff find the certificate).
   * A hand-over resumed after a restart is not in here: the unit may still be starting, so it is
   * asked until it answers.
   */
  const seenInGate = new Set<string>();

  /** The unit's status; one that does not answer is asked again until it does (its silence says nothing about the gate). */
  const answeringStatus = async (tools: EffectTools): Promise<CertificateUnitStatus> => {
    let status = await unit.getStatus();
    for (let attempt = 0; status.status === 'offline' && !tools.signal.aborted; attempt++) {
      tools.log.warn({ attempt }, 'certificate unit not answering; the certificate is looked after once it does');
      await delay(tools.clock, Math.min(deps.maxRetryDelayMs, 1000 * 2 ** Math.min(attempt, 5)));
      status = await unit.getStatus();
    }
    return status;
  };

  /**
   * Where a certificate that left its slot has gone when the gate is found empty (the host was
   * down while it was in the gate): one more on the retain counter than before the dispense is
   * this certificate in the bin; the same count is the citizen's hand. Otherwise nobody can tell.
   */
  const fateOfGoneCertificate = async (context: PickupContext): Promise<Outcome> => {
    const now = await unit.retainCount();
    const before = context.retainCountBefore;
    const count = now.ok ? now.retainCount : null;
    const fate: CertificateFate = count === null || before === undefined ? 'unknown' : count === before + 1 ? 'retained' : count === before ? 'taken' : 'unknown';
    return { event: { type: 'CERTIFICATE_OUT', fate }, effect: { card: 'none', fate, retainCount: count, retainCountBefore: before ?? null } };
  };

  return {
    capturingFace: async (_context, tools) => {
      const capture = await deps.camera.captureLive({ signal: tools.signal, timeScale: tools.timeScale });
      if (!capture.ok) return failed(capture.reason === 'offline' ? 'pickup.failed.cameraOut' : 'pickup.failed.identityNotVerified', { camera: capture.reason });
      const ref = deps.attachments.put(tools.txnId, 'live.jpg', capture.value.jpeg);
      return { event: { type: 'FACE_CAPTURED', photo: { ...ref, livenessMethod: capture.value.liveness.method } }, effect: { photo: ref.sha256, liveness: capture.value.liveness.method } };
    },

    verifyingIdentity: async (context, tools) => {
      const photo = deps.attachments.read(tools.txnId, 'live.jpg');
      if (!photo || !context.livePhoto) return failed('pickup.failed.identityNotVerified', { photo: 'missing' });
      const result = await deps.central.verifyIdentity({
        sessionId: context.sessionId,
        // The citizen typed the number only: the registry knows the name.
        document: { type: 'resident-id', number: context.idNumber, name: null },
        livePhoto: photo.toString('base64'),
        liveness: { passed: true, method: context.livePhoto.livenessMethod === 'turn-head' ? 'turn-head' : 'blink' },
      });
      if (!result.ok) return failed('pickup.failed.centralUnreachable', { central: result.kind });
      if (!result.value.match) return failed('pickup.failed.identityNotVerified', { match: false, reason: result.value.reason });
      return { event: { type: 'VERIFIED', personId: result.value.personId }, effect: { match: true, score: result.value.score } };
    },

    findingCertificate: async (context) => {
      const list = await deps.central.kioskCertificates();
      if (!list.ok) return failed('pickup.failed.centralUnreachable', { central: list.kind });
      const match = matchCertificate(list.value, context.idNumber, context.method === 'pickup-code' ? context.pickupCode : undefined);
      if (!match.ok) return failed(MATCH_FAILURES[match.reason], { match: match.reason, listed: list.value.length });
      const { certificateId, kind, slot } = match.certificate;
      const certificate: MatchedCertificate = { certificateId, kind, slot };
      // Central's list and the magazine must agree before anything moves: a slot the unit reports
      // empty is a loading mistake for staff, never a reason to hand out whatever is there.
      const inventory = await deps.certificateUnit.inventory();
      if (!inventory.ok) return failedWith(certificate, unitFailed(inventory));
      if (!inventory.loaded.includes(slot)) return failedWith(certificate, failed('pickup.failed.notAvailable', { inventory: 'slot-empty' }, 'check-magazine'));
      const status = await unit.getStatus();
      if (status.card !== 'none') return failedWith(certificate, failed('pickup.failed.deviceFault', { card: status.card }, 'check-unit'));
      const counter = await unit.retainCount();
      const retainCount = counter.ok ? counter.retainCount : undefined;
      return {
        event: { type: 'MATCHED', certificate, ...(retainCount === undefined ? {} : { retainCount }) },
        effect: { certificateId, slot, inventory: 'loaded', retainCount: retainCount ?? null },
      };
    },

    dispensing: async (context, tools) => {
      const slot = context.certificate!.slot;
      const moved = await unit.dispense(slot, { signal: tools.signal });
      if (!moved.ok) return unitFailed(moved);
      seenInGate.add(tools.txnId);
      return { event: { type: 'DISPENSED' }, effect: { slot, card: 'gate' } };
    },

    recheckingDispense: async (context, tools) => {
      const status = await answeringStatus(tools);
      if (status.card !== 'none') {
        seenInGate.add(tools.txnId);
        return { event: { type: 'DISPENSED' }, effect: { card: status.card } };
      }
      const inventory = await unit.inventory();
      if (!inventory.ok) return { event: { type: 'CERTIFICATE_OUT', fate: 'unknown' }, effect: { card: 'none', inventory: inventory.reason } };
      if (inventory.loaded.includes(context.certificate!.slot)) return { event: { type: 'NOT_DISPENSED' }, effect: { card: 'none', inventory: 'loaded' } };
      return fateOfGoneCertificate(context);
    },

    handingOver: async (context, tools) => {
      const live = seenInGate.delete(tools.txnId);
      const status = live ? await unit.getStatus() : await answeringStatus(tools);
      if (status.status === 'offline') return failed('pickup.failed.handOverUnknown', { unit: 'offline' }, 'find-certificate');
      if (status.card === 'none') return fateOfGoneCertificate(context);
      const out = await unit.ejectAndWaitForTaken({ takeTimeoutMs: deps.takeBackTimeoutMs * tools.timeScale, signal: tools.signal });
      // Taken (or retained) between the look at the gate and the eject: the counter tells which.
      if (!out.ok && out.reason === 'no-card') return fateOfGoneCertificate(context);
      if (!out.ok) return unitFailed(out);
      return { event: { type: 'CERTIFICATE_OUT', fate: out.outcome }, effect: { card: out.outcome, retainCount: out.outcome === 'retained' ? (out.retainCount ?? null) : null } };
    },
  };
}
