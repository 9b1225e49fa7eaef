import type { SessionView } from '../../../main/api/contract';
import { REPRINT_OUTCOME_TEXTS } from '../screens/certificate-reprint/ReprintDoneScreen';
import { BUSY_TEXTS } from '../screens/endorsement/FlowBusyScreen';

/**
 * The one place that says what each step of each service speaks: the catalogue keys of its
 * prompt (the step's title and hint, as the screen shows them). Every SessionView step is here
 * (the `satisfies never` makes a new step fail to compile until it has a prompt), and
 * tests/renderer/speech-prompts.test.ts checks every key in all three catalogues and free of
 * values (a key taking `{{name}}` is never spoken). An open camera step speaks its own prompt.
 */
export function stepPrompt(view: SessionView): readonly string[] {
  if ('capture' in view && view.capture) return [view.capture.purpose === 'id-photo' ? 'idReissue.busy.takingIdPhoto.hint' : 'camera.guide.noFace'];
  switch (view.step) {
    case 'idle':
      return [];
    case 'insert-id-card':
      return ['steps.insertIdCard.title', 'steps.insertIdCard.hint'];
    case 'reading-card':
      return ['steps.readingCard.title'];
    case 'identity-shown':
      return ['steps.identityShown.title', 'steps.identityShown.hint'];
    case 'failed':
      return [view.messageKey];
    case 'insert-permit':
      return ['endorsement.insertPermit.title', 'endorsement.insertPermit.hint'];
    case 'flow-busy':
      return [BUSY_TEXTS[view.activity].title, BUSY_TEXTS[view.activity].hint];
    case 'choose-endorsement':
      return ['endorsement.choose.title', 'endorsement.choose.hint'];
    case 'pay':
      return ['endorsement.pay.title', 'endorsement.pay.hint'];
    case 'take-permit':
      return ['endorsement.takePermit.title', 'endorsement.takePermit.hint'];
    case 'flow-done':
      return [`${view.service === 'id-reissue' ? 'idReissue' : 'endorsement'}.done.${view.outcome === 'refund-pending' ? 'refundPending' : view.outcome}.title`];
    case 'query-choose-method':
      return ['progressQuery.choose.title'];
    case 'query-input':
      return view.messageKey ? [view.messageKey] : [`progressQuery.input.${view.field}.title`, `progressQuery.input.${view.field}.hint`];
    case 'query-busy':
      return ['progressQuery.busy.title'];
    case 'query-results':
      return ['speech.queryResults'];
    case 'query-failed':
      return [view.messageKey];
    case 'pickup-choose-method':
      return ['pickup.choose.title'];
    case 'pickup-input':
      return view.messageKey ? [view.messageKey] : [`pickup.input.${view.field}.title`, `pickup.input.${view.field}.hint`];
    case 'take-certificate':
      return ['pickup.take.title', 'pickup.take.hint'];
    case 'pickup-done':
      return ['speech.serviceEnded'];
    case 'reissue-id-input':
      return view.problemKey ? [view.problemKey] : ['idReissue.input.title', 'idReissue.input.hint'];
    case 'reissue-confirm-identity':
      return ['idReissue.confirm.title'];
    case 'reissue-choose-reason':
      return ['idReissue.reason.title'];
    case 'reissue-choose-photo':
      return view.messageKey ? [view.messageKey] : ['idReissue.photo.title', 'idReissue.photo.hint'];
    case 'reissue-choose-delivery':
      return ['idReissue.delivery.title'];
    case 'reprint-choose-application':
      return ['reprint.choose.title', 'reprint.choose.hint'];
    case 'reprint-done':
      return [REPRINT_OUTCOME_TEXTS[view.outcome].title];
    default:
      return view satisfies never;
  }
}
