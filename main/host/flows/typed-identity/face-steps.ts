import type { CameraPort } from '../../../../drivers/camera/camera-port';
import { maskName } from '../../../domain/id-number';
import type { CentralApi } from '../../central/central-api';
import type { AttachmentStore } from '../../store/attachments';
import type { AttachmentRef } from '../../store/outbox';
import type { Effect, EffectOutcome, EffectTools } from '../engine/flow-definition';

/** What a flow whose citizen typed the ID number (the card is lost) keeps for the face step. */
export interface TypedIdentityContext {
  readonly sessionId: string;
  /** The typed ID number, checked on the kiosk. */
  readonly idNumber?: string;
  readonly livePhoto?: AttachmentRef & { readonly livenessMethod: string };
}

/** The events the two steps send; every flow that uses them takes these. */
export type TypedIdentityEvent =
  | { readonly type: 'FACE_CAPTURED'; readonly photo: AttachmentRef & { readonly livenessMethod: string } }
  | { readonly type: 'VERIFIED'; readonly personId: string; readonly maskedName: string }
  | { readonly type: 'FAILED'; readonly failureKey: string }
  | { readonly type: 'EFFECT_FAILED' };

export interface TypedIdentityDeps {
  readonly camera: CameraPort;
  readonly central: Pick<CentralApi, 'verifyIdentity'>;
  readonly attachments: AttachmentStore;
}

/** Identity verdicts the screen has words of its own for (`<prefix>.identity.<reason>`). */
const KNOWN_VERDICTS: ReadonlySet<string> = new Set(['face_mismatch', 'liveness_failed', 'no_record', 'document_invalid']);

const failed = (failureKey: string, effect: Record<string, unknown>) => ({ event: { type: 'FAILED', failureKey } as const, effect });

/**
 * The face with liveness, then `/identity/verify` with the typed number and no name (the card is
 * lost: the kiosk knows the name only once central answers). Shared by the services a citizen
 * without the card uses (ID reissue, certificate reprint); `prefix` is the service's catalogue
 * namespace for its failure words (`<prefix>.failed.*`, `<prefix>.identity.*`).
 */
export function typedIdentitySteps<C extends TypedIdentityContext>(
  deps: TypedIdentityDeps,
  prefix: string,
): { readonly capturingFace: Effect<C, TypedIdentityEvent>; readonly verifyingIdentity: Effect<C, TypedIdentityEvent> } {
  type Outcome = EffectOutcome<TypedIdentityEvent>;
  const capturingFace = async (_context: C, tools: EffectTools): Promise<Outcome> => {
    const capture = await deps.camera.captureLive({ signal: tools.signal, timeScale: tools.timeScale });
    if (!capture.ok) {
      if (capture.reason === 'cancelled') return { event: { type: 'EFFECT_FAILED' }, effect: { camera: 'cancelled' } };
      return failed(capture.reason === 'offline' ? `${prefix}.failed.cameraOut` : `${prefix}.failed.faceNotCaptured`, { camera: capture.reason });
    }
    // A still without a passed liveness check is no proof of a person at the kiosk.
    if (!capture.value.liveness.passed) return failed(`${prefix}.identity.liveness_failed`, { camera: 'liveness-not-passed' });
    const ref = deps.attachments.put(tools.txnId, 'live.jpg', capture.value.jpeg);
    return { event: { type: 'FACE_CAPTURED', photo: { ...ref, livenessMethod: capture.value.liveness.method } }, effect: { photo: ref.sha256, liveness: capture.value.liveness.method } };
  };

  const verifyingIdentity = async (context: C, tools: EffectTools): Promise<Outcome> => {
    const photo = deps.attachments.read(tools.txnId, 'live.jpg');
    if (!photo || !context.idNumber || !context.livePhoto) return failed(`${prefix}.failed.identityNotVerified`, { photo: 'missing' });
    const result = await deps.central.verifyIdentity({
      sessionId: context.sessionId,
      document: { type: 'resident-id', number: context.idNumber, name: null },
      livePhoto: photo.toString('base64'),
      liveness: { passed: true, method: context.livePhoto.livenessMethod === 'turn-head' ? 'turn-head' : 'blink' },
    });
    if (!result.ok) return failed(`${prefix}.failed.centralUnreachable`, { central: result.kind, problem: result.message });
    const answer = result.value;
    if (!answer.match) {
      const key = KNOWN_VERDICTS.has(answer.reason) ? `${prefix}.identity.${answer.reason}` : `${prefix}.failed.identityNotVerified`;
      return failed(key, { match: false, reason: answer.reason });
    }
    return { event: { type: 'VERIFIED', personId: answer.personId, maskedName: maskName(answer.person.name) }, effect: { match: true, score: answer.score } };
  };

  return { capturingFace, verifyingIdentity };
}
