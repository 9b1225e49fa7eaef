import type { Clock, TimerHandle } from '../../../drivers/common/clock';
import { type MaintenanceCommand, type MaintenanceView, PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '../../api/maintenance-contract';
import { RefusedError } from '../api/dispatcher';
import type { Logger } from '../log';
import type { MaintenanceDesk } from './maintenance-desk';
import { PinLockout } from './pin-lockout';
import type { StaffDirectory, StaffEntry } from './staff-directory';
import { recordStaffAction, type StaffAction, type StaffRecordDeps } from './staff-records';

/** Seconds to type the PIN once the staff card was read. */
export const PIN_STEP_S = 60;
/** Seconds without a staff action before maintenance closes by itself. */
export const MAINTENANCE_IDLE_S = 300;
/** Seconds the "entry locked" screen stays before the attract screen comes back. */
const LOCKED_SCREEN_S = 15;

export interface MaintenanceModeDeps {
  readonly staff: StaffDirectory;
  readonly lockout: PinLockout;
  readonly desk: MaintenanceDesk;
  readonly records: StaffRecordDeps;
  readonly clock: Clock;
  readonly log: Logger;
  /** Whether a staff card may open maintenance now (no citizen session under way). */
  readonly mayOpen: () => boolean;
}

type Entry =
  | { readonly step: 'closed' }
  | { readonly step: 'pin'; readonly staff: StaffEntry; typed: string; messageKey: string | null; readonly deadlineMs: number }
  | { readonly step: 'checking-pin'; readonly staff: StaffEntry }
  | { readonly step: 'locked'; readonly untilMs: number; readonly deadlineMs: number }
  | { readonly step: 'open'; readonly staff: StaffEntry; deadlineMs: number };

/** A maintenance command that does not fit the step (a stale or hostile screen). */
export class MaintenanceStateError extends RefusedError {
  constructor(action: string, step: string) {
    super(`maintenance ${action} is not possible at step ${step}`, 'errors.notNow');
  }
}

/**
 * Maintenance mode: a staff card read on the idle reader asks for the PIN; the PIN is checked
 * against the cached staff list (scrypt, constant-time); five wrong PINs in a row lock that staff
 * card for 15 minutes, across restarts (pin-lockout.ts; another card still opens); an open session closes itself after five idle minutes. While it is
 * open the kiosk offers nothing to citizens. Every staff action is an `audit` record.
 */
export class MaintenanceMode {
  readonly #deps: MaintenanceModeDeps;
  readonly #listeners = new Set<(view: MaintenanceView) => void>();
  #entry: Entry = { step: 'closed' };
  #timer: TimerHandle | undefined;

  constructor(deps: MaintenanceModeDeps) {
    this.#deps = deps;
    deps.desk.onChange(() => this.#emit());
  }

  /** True from the PIN step on: citizens are not served while staff are at the screen. */
  get open(): boolean {
    return this.#entry.step !== 'closed';
  }

  get view(): MaintenanceView {
    const entry = this.#entry;
    switch (entry.step) {
      case 'closed':
        return { step: 'closed' };
      case 'pin':
        return {
          step: 'pin',
          staffId: entry.staff.staffId,
          typed: entry.typed.length,
          maxLength: PIN_MAX_LENGTH,
          attemptsLeft: this.#deps.lockout.attemptsLeft(entry.staff.staffId),
          messageKey: entry.messageKey,
          deadlineMs: entry.deadlineMs,
        };
      case 'checking-pin':
        return { step: 'checking-pin', staffId: entry.staff.staffId };
      case 'locked':
        return { step: 'locked', untilMs: entry.untilMs, deadlineMs: entry.deadlineMs };
      case 'open':
        return { step: 'open', staffId: entry.staff.staffId, deadlineMs: entry.deadlineMs, ...this.#deps.desk.view() };
      default:
        return entry satisfies never;
    }
  }

  onChange(listener: (view: MaintenanceView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * A card was read on the idle reader: a staff member's opens the PIN step (or says locked). With
   * no staff list cached yet (central never answered), central is asked once more before the card
   * is taken for a citizen's.
   */
  staffCardRead(idNumber: string, askedCentral = false): void {
    if (this.#entry.step !== 'closed' || !this.#deps.mayOpen()) return;
    const staff = this.#deps.staff.byIdNumber(idNumber);
    if (!staff) {
      if (!askedCentral && this.#deps.staff.staff.length === 0) {
        void this.#deps.staff.refresh().then((refreshed) => refreshed && this.staffCardRead(idNumber, true));
      }
      return;
    }
    const lockedUntil = this.#deps.lockout.lockedUntil(staff.staffId);
    if (lockedUntil !== null) {
      this.#deps.log.warn({ staffId: staff.staffId }, 'staff card read while it is locked for maintenance entry');
      this.#audit(staff.staffId, 'entry-refused-locked', { lockedUntil: new Date(lockedUntil).toISOString() });
      this.#showLocked(lockedUntil);
      return;
    }
    this.#deps.log.info({ staffId: staff.staffId }, 'staff card read: asking for the PIN');
    this.#set({ step: 'pin', staff, typed: '', messageKey: null, deadlineMs: this.#deadline(PIN_STEP_S) }, PIN_STEP_S, () => this.#cancelEntry());
  }

  /** Carries out one command from the maintenance screens. */
  async command(command: MaintenanceCommand): Promise<MaintenanceView> {
    const entry = this.#entry;
    switch (command.action) {
      case 'pin-key':
        if (entry.step !== 'pin') throw new MaintenanceStateError(command.action, entry.step);
        entry.typed = command.key === 'delete' ? entry.typed.slice(0, -1) : (entry.typed + command.key).slice(0, PIN_MAX_LENGTH);
        entry.messageKey = null;
        this.#emit();
        return this.view;
      case 'pin-confirm':
        if (entry.step !== 'pin') throw new MaintenanceStateError(command.action, entry.step);
        return this.#checkPin(entry);
      case 'close':
        if (entry.step === 'closed') return this.view;
        if (entry.step === 'checking-pin') throw new MaintenanceStateError(command.action, entry.step);
        if (entry.step === 'open') this.#close(entry.staff, 'maintenance-closed');
        else this.#cancelEntry();
        return this.view;
      default:
        if (entry.step !== 'open') throw new MaintenanceStateError(command.action, entry.step);
        // Every action counts as presence: the idle time starts again.
        this.#extend(entry);
        await this.#deps.desk.act(command, entry.staff.staffId);
        if (this.#entry === entry) this.#extend(entry);
        return this.view;
    }
  }

  /** The host stops: the timers go; an open session is simply gone (nothing is half done). */
  stop(): void {
    this.#deps.clock.clearTimeout(this.#timer);
  }

  async #checkPin(entry: Extract<Entry, { step: 'pin' }>): Promise<MaintenanceView> {
    if (entry.typed.length < PIN_MIN_LENGTH) {
      entry.messageKey = 'maintenance.pin.tooShort';
      this.#emit();
      return this.view;
    }
    const pin = entry.typed;
    entry.typed = '';
    const staff = entry.staff;
    this.#set({ step: 'checking-pin', staff });
    const matches = await this.#deps.staff.pinMatches(staff, pin);
    // The step may have changed meanwhile (host stopping); only the check's own step goes on.
    if (this.#entry.step !== 'checking-pin') return this.view;
    if (matches) {
      this.#deps.lockout.succeeded(staff.staffId);
      this.#audit(staff.staffId, 'maintenance-opened');
      const opened: Entry = { step: 'open', staff, deadlineMs: this.#deadline(MAINTENANCE_IDLE_S) };
      this.#set(opened, MAINTENANCE_IDLE_S, () => this.#close(staff, 'maintenance-timed-out'));
      this.#deps.desk.opened();
      await this.#deps.desk.refresh();
      return this.view;
    }
    const lockedUntil = this.#deps.lockout.failed(staff.staffId);
    if (lockedUntil !== null) {
      this.#audit(staff.staffId, 'entry-locked', { lockedUntil: new Date(lockedUntil).toISOString() });
      this.#deps.log.warn({ staffId: staff.staffId }, 'staff card locked for maintenance entry after repeated wrong PINs');
      this.#showLocked(lockedUntil);
      return this.view;
    }
    this.#audit(staff.staffId, 'pin-refused', { attemptsLeft: this.#deps.lockout.attemptsLeft(staff.staffId) });
    this.#set({ step: 'pin', staff, typed: '', messageKey: 'maintenance.pin.wrong', deadlineMs: this.#deadline(PIN_STEP_S) }, PIN_STEP_S, () => this.#cancelEntry());
    return this.view;
  }

  #showLocked(untilMs: number): void {
    this.#set({ step: 'locked', untilMs, deadlineMs: this.#deadline(LOCKED_SCREEN_S) }, LOCKED_SCREEN_S, () => this.#cancelEntry());
  }

  /** Entry given up before it opened (timed out, "back"): nothing to record beyond the log. */
  #cancelEntry(): void {
    this.#deps.log.info({ step: this.#entry.step }, 'maintenance entry left');
    this.#set({ step: 'closed' });
  }

  #close(staff: StaffEntry, action: 'maintenance-closed' | 'maintenance-timed-out'): void {
    this.#audit(staff.staffId, action);
    this.#deps.desk.closed();
    this.#set({ step: 'closed' });
  }

  #extend(entry: Extract<Entry, { step: 'open' }>): void {
    entry.deadlineMs = this.#deadline(MAINTENANCE_IDLE_S);
    this.#arm(MAINTENANCE_IDLE_S, () => this.#close(entry.staff, 'maintenance-timed-out'));
  }

  #audit(staffId: string, action: StaffAction, detail: Readonly<Record<string, unknown>> = {}): void {
    recordStaffAction(this.#deps.records, staffId, action, detail);
  }

  #deadline(seconds: number): number {
    return this.#deps.clock.now() + seconds * 1000;
  }

  #arm(seconds: number, onTimeout: () => void): void {
    this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = this.#deps.clock.setTimeout(onTimeout, seconds * 1000);
  }

  #set(entry: Entry, timeoutS?: number, onTimeout?: () => void): void {
    this.#entry = entry;
    this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (timeoutS !== undefined && onTimeout) this.#arm(timeoutS, onTimeout);
    this.#emit();
  }

  #emit(): void {
    const view = this.view;
    for (const listener of [...this.#listeners]) listener(view);
  }
}
