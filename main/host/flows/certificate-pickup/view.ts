import { maskIdNumber } from '../../../domain/id-number';
import type { FlowView } from '../engine/flow-definition';
import { idNumberTypingProblem } from './input';
import { FIELD_MAX, type PickupContext } from './types';

/** What the screen shows in each state. The ID number is echoed as typed, and masked once complete and valid. */
export function pickupView(state: string, context: PickupContext): FlowView {
  switch (state) {
    case 'choosingMethod':
      return { step: 'pickup-choose-method' };
    case 'enteringPickupCode':
      return {
        step: 'pickup-input',
        field: 'pickupCode',
        typed: context.pickupCode.length,
        maxLength: FIELD_MAX.pickupCode,
        echo: context.pickupCode,
        messageKey: context.inputMessageKey ?? null,
      };
    case 'enteringIdNumber': {
      const typed = context.idNumber;
      return {
        step: 'pickup-input',
        field: 'idNumber',
        typed: typed.length,
        maxLength: FIELD_MAX.idNumber,
        // Masked once complete and right; a wrong one stays readable, to be checked digit by digit.
        echo: typed.length === FIELD_MAX.idNumber && idNumberTypingProblem(typed, new Date(context.startedAtMs)) === undefined ? maskIdNumber(typed) : typed,
        messageKey: context.inputMessageKey ?? null,
      };
    }
    case 'capturingFace':
      return { step: 'flow-busy', activity: 'face-capture' };
    case 'verifyingIdentity':
      return { step: 'flow-busy', activity: 'verifying-identity' };
    case 'findingCertificate':
      return { step: 'flow-busy', activity: 'finding-certificate' };
    case 'dispensing':
      return { step: 'flow-busy', activity: 'dispensing-certificate' };
    case 'recheckingDispense':
      return { step: 'flow-busy', activity: 'finishing' };
    case 'handingOver':
      return { step: 'take-certificate' };
    case 'completed':
    case 'ended':
      return {
        step: 'pickup-done',
        outcome: state === 'ended' ? 'not-collected' : context.fate === 'taken' ? 'collected' : context.fate === 'retained' ? 'retained' : 'not-collected',
        messageKey: context.failureKey ?? null,
        transactionNo: context.transactionNo,
      };
    default:
      throw new Error(`no view for certificate pickup state ${state}`);
  }
}
