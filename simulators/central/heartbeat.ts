/**
 * POST /heartbeat: stored as it came, answered with the commands queued for the kiosk and whether
 * its staff list changed since the last answer. Commands and the staff flag are handed out once.
 */
import type { CentralStore } from './central-store';
import { ok } from './replies';
import type { Route } from './route';

export interface CentralCommand {
  readonly id: string;
  readonly type: string;
}

export class HeartbeatDesk {
  readonly #store: CentralStore;
  readonly #commands = new Map<string, CentralCommand[]>();
  readonly #staffChanged = new Set<string>();

  constructor(store: CentralStore) {
    this.#store = store;
  }

  queueCommand(kioskId: string, command: CentralCommand): void {
    this.#commands.set(kioskId, [...(this.#commands.get(kioskId) ?? []), command]);
  }

  markStaffListChanged(kioskId: string): void {
    this.#staffChanged.add(kioskId);
  }

  routes(): Route[] {
    return [
      {
        method: 'POST',
        pattern: /^\/heartbeat$/,
        body: 'json',
        handle: ({ kioskId, json, nowMs }) => {
          this.#store.recordHeartbeat(kioskId, nowMs, JSON.stringify(json ?? {}));
          const commands = this.#commands.get(kioskId) ?? [];
          this.#commands.delete(kioskId);
          const staffListChanged = this.#staffChanged.delete(kioskId);
          return ok({ serverTime: new Date(nowMs).toISOString(), commands, staffListChanged });
        },
      },
    ];
  }
}
