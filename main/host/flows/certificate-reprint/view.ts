import type { FlowView } from '../engine/flow-definition';
import { idNumberInputView } from '../id-reissue/input';
import type { ReprintContext } from './types';

/** What the screen shows in each state of the certificate reprint; the number arrives masked once complete. */
export function reprintView(state: string, context: ReprintContext): FlowView {
  switch (state) {
    case 'enteringIdNumber':
      return idNumberInputView(context.typed, context.inputMessageKey, context.startedAtMs);
    case 'capturingFace':
      return { step: 'flow-busy', activity: 'face-capture' };
    case 'verifyingIdentity':
      return { step: 'flow-busy', activity: 'verifying-identity' };
    case 'findingApplications':
      return { step: 'flow-busy', activity: 'finding-certificate' };
    case 'choosingApplication':
      return { step: 'reprint-choose-application', applications: [...context.applications] };
    case 'issuingCertificate':
      return { step: 'flow-busy', activity: 'issuing-certificate' };
    case 'printingCertificate':
      return { step: 'flow-busy', activity: 'reprinting-certificate' };
    case 'completed':
    case 'ended':
      return {
        step: 'reprint-done',
        // A slip that may not have come out whole is one to print again.
        outcome: state === 'ended' ? 'ended' : context.slipFate === 'printed' ? 'printed' : 'not-printed',
        messageKey: context.failureKey ?? null,
        applicationNo: context.applicationNo ?? null,
        certificateNo: context.certificateNo ?? null,
        validTo: context.validTo ?? null,
      };
    default:
      throw new Error(`no view for certificate reprint state ${state}`);
  }
}
