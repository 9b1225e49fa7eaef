import { z } from 'zod';
import { type Clock, systemClock, type TimerHandle } from '../../../drivers/common/clock';
import type { Logger } from '../log';
import type { OutboxStats } from '../store/outbox';
import type { CentralClient } from './central-client';

export const CentralCommandType = z.enum(['reload-config', 'restart', 'out-of-service', 'in-service']);
export type CentralCommandType = z.infer<typeof CentralCommandType>;

const HeartbeatReply = z.object({
  serverTime: z.string(),
  commands: z.array(z.object({ id: z.string(), type: z.string() })).default([]),
  /** The staff list for maintenance mode changed: the kiosk fetches it again. */
  staffListChanged: z.boolean().default(false),
});

export interface DeviceReport {
  readonly status: string;
  readonly [detail: string]: string | number | boolean | null;
}

export interface HeartbeatDeps {
  readonly client: CentralClient;
  readonly log: Logger;
  readonly softwareVersion: string;
  readonly intervalMs: number;
  readonly devices: () => Readonly<Record<string, DeviceReport>>;
  readonly queue: () => OutboxStats;
  readonly onCommand: (type: CentralCommandType, id: string) => void;
  /** Central says the staff list changed (maintenance mode refreshes its cache). */
  readonly onStaffListChanged?: () => void;
  /** Central answered: the link is up (the sync worker stops backing off). */
  readonly onDelivered?: () => void;
  /** Command ids carried out before (they survive restarts), so a repeated command is not redone. */
  readonly commandsDone?: { has(id: string): boolean; add(id: string): void };
  readonly clock?: Clock;
}

export type HeartbeatOutcome =
  | { readonly kind: 'sent'; readonly commands: number }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Tells central every so often that the kiosk is alive, how its devices are and how full its
 * outbox is, and carries out the commands central answers with. A missed heartbeat is only
 * logged: the next one comes anyway.
 */
export class Heartbeat {
  readonly #deps: HeartbeatDeps;
  readonly #clock: Clock;
  readonly #startedAt: number;
  /** Command ids already carried out: central may repeat a command until it sees its effect. */
  readonly #done: { has(id: string): boolean; add(id: string): void };
  #timer: TimerHandle | undefined;
  #running = false;

  constructor(deps: HeartbeatDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    this.#startedAt = this.#clock.now();
    this.#done = deps.commandsDone ?? new Set<string>();
  }

  start(): void {
    this.#running = true;
    const tick = async () => {
      // Whatever goes wrong in one beat (a device that throws while asked), the next one comes.
      await this.beatOnce().catch((error: unknown) => this.#deps.log.error({ err: error }, 'heartbeat failed'));
      if (this.#running) this.#timer = this.#clock.setTimeout(tick, this.#deps.intervalMs);
    };
    this.#timer = this.#clock.setTimeout(tick, 0);
  }

  stop(): void {
    this.#running = false;
    this.#clock.clearTimeout(this.#timer);
  }

  async beatOnce(): Promise<HeartbeatOutcome> {
    const response = await this.#deps.client.request('POST', '/heartbeat', {
      softwareVersion: this.#deps.softwareVersion,
      uptimeS: Math.floor((this.#clock.now() - this.#startedAt) / 1000),
      devices: this.#deps.devices(),
      queue: this.#deps.queue(),
    });
    if (response.kind !== 'ok') {
      const reason = response.kind === 'network' ? response.message : `${response.status} ${response.code}`;
      this.#deps.log.warn({ reason }, 'heartbeat not delivered');
      return { kind: 'failed', reason };
    }
    const reply = HeartbeatReply.safeParse(response.body);
    if (!reply.success) {
      this.#deps.log.warn('central answered the heartbeat with a reply that breaks the contract');
      return { kind: 'failed', reason: 'bad reply' };
    }
    this.#deps.onDelivered?.();
    if (reply.data.staffListChanged) this.#deps.onStaffListChanged?.();
    let carried = 0;
    for (const command of reply.data.commands) {
      const type = CentralCommandType.safeParse(command.type);
      if (!type.success) {
        this.#deps.log.warn({ commandId: command.id, type: command.type }, 'unknown command from central ignored');
        continue;
      }
      if (this.#done.has(command.id)) continue;
      this.#done.add(command.id);
      this.#deps.log.info({ commandId: command.id, type: type.data }, 'command from central');
      this.#deps.onCommand(type.data, command.id);
      carried++;
    }
    return { kind: 'sent', commands: carried };
  }
}
