import type { FlowView } from '../engine/flow-definition';
import { FIELD_MAX, type ProgressQueryContext } from './types';

/** What the screen shows in each state. The last 4 of the ID number are echoed as dots only. */
export function progressQueryView(state: string, context: ProgressQueryContext): FlowView {
  switch (state) {
    case 'choosingMethod':
      return { step: 'query-choose-method', idCardAvailable: context.idCardAvailable };
    case 'readingIdCard':
      return { step: 'insert-id-card' };
    case 'enteringApplicationNo':
      return {
        step: 'query-input',
        field: 'applicationNo',
        typed: context.applicationNo.length,
        maxLength: FIELD_MAX.applicationNo,
        echo: context.applicationNo,
        messageKey: context.inputMessageKey ?? null,
      };
    case 'enteringLast4':
      return {
        step: 'query-input',
        field: 'idNumberLast4',
        typed: context.idNumberLast4.length,
        maxLength: FIELD_MAX.idNumberLast4,
        echo: '•'.repeat(context.idNumberLast4.length),
        messageKey: context.inputMessageKey ?? null,
      };
    case 'querying':
      return { step: 'query-busy' };
    case 'completed':
      return context.applications?.length
        ? { step: 'query-results', applications: [...context.applications] }
        : { step: 'query-failed', messageKey: 'progressQuery.failed.notFound', canRetry: false };
    case 'failed':
      return { step: 'query-failed', messageKey: context.failureKey ?? 'progressQuery.failed.centralUnreachable', canRetry: true };
    case 'ended':
      return { step: 'query-failed', messageKey: context.failureKey ?? 'progressQuery.failed.cancelled', canRetry: false };
    default:
      throw new Error(`no view for progress query state ${state}`);
  }
}
