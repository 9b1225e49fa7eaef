import type { EventObject } from 'xstate';
import type { Journal } from '../../store/journal';
import { FLOW_FINAL_STATES, type FlowDefinition } from './flow-definition';
import { type FlowData, FlowRunner, type FlowRunnerDeps } from './flow-runner';

export { FLOW_FINAL_STATES };

/**
 * Start-up recovery of flows: every transaction a crash or power cut left mid-way is driven to an
 * end from the journal alone. Its definition says, per state, whether running the state's effect
 * again is safe (resume) or which compensation to go to. The runners go on without a screen.
 */
export function recoverFlows(
  definitions: ReadonlyArray<FlowDefinition<unknown, EventObject>>,
  journal: Journal,
  deps: FlowRunnerDeps,
): Array<FlowRunner<unknown, EventObject>> {
  const byService = new Map(definitions.map((def) => [def.service as string, def]));
  const runners: Array<FlowRunner<unknown, EventObject>> = [];
  for (const txn of journal.unfinished(FLOW_FINAL_STATES)) {
    const def = byService.get(txn.kind);
    if (!def) continue;
    const data = txn.data as FlowData | null;
    if (!data?.snapshot) {
      deps.log.error({ txnId: txn.txnId, kind: txn.kind }, 'unfinished flow without a snapshot; left for a person to look at');
      continue;
    }
    const context = (data.snapshot as { context?: unknown }).context;
    const decision = def.recovery(txn.state, context);
    deps.log.warn({ txnId: txn.txnId, kind: txn.kind, state: txn.state, decision }, 'recovering an unfinished transaction');
    const runner = new FlowRunner(def, deps, {
      kind: 'recovered',
      txnId: txn.txnId,
      data,
      ...(decision === 'resume' ? {} : { goTo: decision.goTo, note: decision.note }),
    });
    runner.start();
    runners.push(runner);
  }
  return runners;
}
