import type { BytePipe, PipeOpener } from '../transport/byte-pipe';
import type { SuccessFrame } from './codec';
import { COMMANDS, type CommandCode, replyTimeoutFor } from './commands';
import { type CertificateUnitFailure, failure, reasonForErrorCode } from './errors';
import { CommandLink } from './link';
import type { StatusTracker } from './status-tracker';
import type { CertificateUnitTimeouts } from './types';

export type CommandOutcome = { readonly ok: true; readonly frame: SuccessFrame } | CertificateUnitFailure;

/**
 * The connection to one unit: opens the pipe through the opener (again after an unplug), keeps
 * the INIT-first rule, runs exactly one command at a time, and turns link outcomes and error
 * codes into typed failures while feeding the status tracker.
 */
export class UnitSession {
  #pipe: BytePipe | undefined;
  #link: CommandLink | undefined;
  #needsInit = true;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly opener: PipeOpener,
    private readonly addr: number,
    private readonly timeouts: CertificateUnitTimeouts,
    private readonly tracker: StatusTracker,
  ) {}

  /** Runs one command; sends INIT first when the link is new or the unit's state is uncertain. */
  run(code: CommandCode, data?: Uint8Array, signal?: AbortSignal): Promise<CommandOutcome> {
    return this.#exclusive(async () => {
      const ready = await this.#ready(true);
      if (!ready.ok) return ready;
      const outcome = await this.#exchange(code, data, signal);
      if (outcome.ok || outcome.reason !== 'not-initialised') return outcome;
      // The unit lost its INIT behind our back (power cycle): INIT once, then try again.
      const init = await this.#exchange(COMMANDS.initLeave);
      if (!init.ok) return init;
      return this.#exchange(code, data, signal);
    });
  }

  /** Sends one of the INIT commands explicitly (technician reset, or capture on INIT). */
  init(code: CommandCode): Promise<CommandOutcome> {
    return this.#exclusive(async () => {
      const ready = await this.#ready(false);
      if (!ready.ok) return ready;
      return this.#exchange(code);
    });
  }

  async close(): Promise<void> {
    const pipe = this.#pipe;
    this.#drop();
    this.tracker.setOffline();
    await pipe?.close();
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task, task);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  #drop(): void {
    this.#link?.dispose();
    this.#link = undefined;
    this.#pipe = undefined;
    this.#needsInit = true;
  }

  async #ready(initFirst: boolean): Promise<{ readonly ok: true } | CertificateUnitFailure> {
    if (!this.#link || this.#link.isClosed) {
      this.#drop();
      let pipe: BytePipe;
      try {
        pipe = await this.opener();
      } catch (error) {
        this.tracker.setOffline();
        return failure('offline', error instanceof Error ? error.message : String(error));
      }
      this.#pipe = pipe;
      this.#link = new CommandLink(pipe, this.addr, this.timeouts);
      pipe.onClose(() => {
        if (this.#pipe !== pipe) return;
        // Unplugged (or closed): report offline now, reopen on the next operation.
        this.#drop();
        this.tracker.setOffline();
      });
    }
    if (initFirst && this.#needsInit) {
      const init = await this.#exchange(COMMANDS.initLeave);
      if (!init.ok) return init;
    }
    return { ok: true };
  }

  async #exchange(code: CommandCode, data?: Uint8Array, signal?: AbortSignal): Promise<CommandOutcome> {
    const link = this.#link;
    if (!link) return failure('offline', 'no link');
    const isInit = code.cm === COMMANDS.initLeave.cm;
    const outcome = await link.exchange({
      cm: code.cm,
      pm: code.pm,
      data,
      replyTimeoutMs: replyTimeoutFor(code, this.timeouts),
      signal,
    });
    switch (outcome.kind) {
      case 'reply': {
        const { frame } = outcome;
        if (frame.kind === 'success') {
          if (isInit) {
            this.#needsInit = false;
            this.tracker.applyInit(new TextDecoder().decode(frame.data), frame.status);
          } else {
            this.tracker.applySuccess(frame.status);
          }
          return { ok: true, frame };
        }
        const reason = reasonForErrorCode(frame.code);
        if (reason === 'not-initialised') this.#needsInit = true;
        this.tracker.applyFailure(reason);
        return failure(reason, `${code.name} answered error ${frame.code}`, frame.code);
      }
      case 'no-ack':
        this.#needsInit = true;
        this.tracker.setOffline();
        return failure('offline', `${code.name}: no ACK after ${outcome.tries} tries`);
      case 'reply-timeout':
        // The unit took the command but never finished it: its state is unknown, INIT next time.
        this.#needsInit = true;
        return failure('no-reply', `${code.name}: no reply within ${replyTimeoutFor(code, this.timeouts)} ms`);
      case 'corrupt-reply':
        this.#needsInit = true;
        return failure('communication-error', `${code.name}: ${outcome.naks} damaged replies`);
      case 'cancelled':
        return failure('cancelled', `${code.name} cancelled (EOT sent)`);
      case 'closed':
        this.#drop();
        this.tracker.setOffline();
        return failure('offline', `${code.name}: link closed`);
      default: {
        const unreachable: never = outcome;
        return failure('communication-error', String(unreachable));
      }
    }
  }
}
