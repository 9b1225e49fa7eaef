import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../drivers/common/clock';
import type { Logger } from '../log';
import type { Journal } from '../store/journal';
import type { CentralCommandType } from '../sync/heartbeat';

export type RestartReason = 'restart' | 'reload-config';

export interface CentralCommandDeps {
  readonly journal: Journal;
  readonly clock: Clock;
  readonly log: Logger;
  /**
   * Sets or lifts central's own out-of-service reason, persisted and shown at once (the attract
   * screen changes); says whether field staff still hold the kiosk out (central cannot lift that).
   */
  readonly setOutOfService: (value: boolean) => { readonly staffHoldsOut: boolean };
  /** Reads the configuration file again without applying it; a bad file is not applied. */
  readonly checkConfig: () => { readonly ok: true } | { readonly ok: false; readonly message: string };
  /** Restarts the host; absent when nothing supervises it (the command then fails, saying so). */
  readonly restart: ((why: RestartReason) => void) | undefined;
  /** A result record was queued: send it soon. */
  readonly onRecordQueued: () => void;
}

export type CommandOutcome = { readonly outcome: 'done'; readonly detail?: string } | { readonly outcome: 'failed'; readonly detail: string };

/**
 * Carries out a command central sent with a heartbeat answer and acknowledges it with a
 * `command-result` record through the outbox, so the acknowledgement survives the restart it may
 * cause and reaches central even when it arrives later. The heartbeat has already remembered the
 * command id (persisted), so a repeated `restart` does not restart the kiosk again.
 */
export function carryOutCommand(deps: CentralCommandDeps, type: CentralCommandType, commandId: string): CommandOutcome {
  const result = decide(deps, type);
  const txnId = randomUUID();
  const now = deps.clock.now();
  deps.journal.record({ txnId, kind: 'command-result', state: 'completed', data: {} }, now, [
    { txnId, kind: 'command-result', occurredAt: new Date(now).toISOString(), payload: { commandId, type, ...result } },
  ]);
  deps.onRecordQueued();
  if (result.outcome === 'failed') {
    deps.log.error({ commandId, type, detail: result.detail }, 'command from central could not be carried out');
    return result;
  }
  deps.log.info({ commandId, type }, 'command from central carried out');
  if ((type === 'restart' || type === 'reload-config') && deps.restart) {
    const restart = deps.restart;
    // After the heartbeat that carried the command has finished with it.
    deps.clock.setTimeout(() => restart(type), 0);
  }
  return result;
}

function decide(deps: CentralCommandDeps, type: CentralCommandType): CommandOutcome {
  switch (type) {
    case 'out-of-service':
    case 'in-service': {
      // A citizen already in a session finishes it; new sessions follow the new state.
      const { staffHoldsOut } = deps.setOutOfService(type === 'out-of-service');
      // Done (central's reason is lifted), but central hears that the kiosk still does not serve.
      if (type === 'in-service' && staffHoldsOut) return { outcome: 'done', detail: 'field staff still hold the kiosk out of service' };
      return { outcome: 'done' };
    }
    case 'reload-config': {
      if (!deps.restart) return { outcome: 'failed', detail: 'nothing supervises this host, so it cannot restart to apply a configuration' };
      const check = deps.checkConfig();
      // A configuration that does not validate is not applied: the kiosk keeps serving on the old one.
      return check.ok ? { outcome: 'done' } : { outcome: 'failed', detail: check.message };
    }
    case 'restart':
      return deps.restart ? { outcome: 'done' } : { outcome: 'failed', detail: 'nothing supervises this host, so it cannot restart' };
    default:
      return type satisfies never;
  }
}
