import { z } from 'zod';
import type { CertificateUnitDriver } from '../../../drivers/certificate-unit/driver';
import type { RetainBinView } from '../../api/maintenance-contract';
import type { KioskState } from '../operation/kiosk-state';
import type { Db } from '../store/database';
import type { Journal } from '../store/journal';
import { type RetainedCard, retainedSince } from './journal-reading';
import type { Outcome } from './magazine-loading';
import { recordStaffAction, type StaffRecordDeps } from './staff-records';

const EMPTIED_KEY = 'maintenance-retain-bin-emptied';
const Emptied = z.object({ atMs: z.number(), counterAfter: z.number().int().min(0) });

export interface RetainBinDeps {
  readonly certificateUnit: Pick<CertificateUnitDriver, 'retainCount' | 'getStatus' | 'status'>;
  readonly db: Db;
  readonly journal: Journal;
  readonly state: KioskState;
  readonly records: StaffRecordDeps;
}

/**
 * Emptying the retain bin: every permit or certificate the journal says was retained since the last
 * emptying is listed (transaction number, masked permit number or certificate id) and ticked off as
 * collected, as are cards the
 * unit counts that no transaction explains. The unit must no longer report the bin full; then the
 * `retain-bin-emptied` record goes to central. Units differ in whether emptying resets their
 * counter, so the counter read after emptying is the new zero.
 */
export class RetainBinEmptying {
  readonly #deps: RetainBinDeps;
  #items: RetainedCard[] = [];
  #counted: number | null = null;
  readonly #collected = new Set<string>();
  #unlistedCollected = false;

  constructor(deps: RetainBinDeps) {
    this.#deps = deps;
  }

  #lastEmptied(): z.infer<typeof Emptied> {
    const parsed = Emptied.safeParse(this.#deps.state.read(EMPTIED_KEY));
    return parsed.success ? parsed.data : { atMs: 0, counterAfter: 0 };
  }

  #unlisted(): number {
    return Math.max(0, (this.#counted ?? 0) - this.#items.length);
  }

  view(): RetainBinView {
    return {
      counted: this.#counted,
      full: this.#deps.certificateUnit.status.retainBin === 'full',
      items: this.#items.slice(0, 200).map((item) => ({
        transactionNo: item.transactionNo,
        kind: item.kind,
        label: item.label,
        retainedAtMs: item.retainedAtMs,
        collected: this.#collected.has(item.txnId),
      })),
      unlisted: this.#unlisted(),
      unlistedCollected: this.#unlistedCollected,
    };
  }

  reset(): void {
    this.#collected.clear();
    this.#unlistedCollected = false;
  }

  async refresh(): Promise<void> {
    const last = this.#lastEmptied();
    this.#items = retainedSince(this.#deps.db, this.#deps.journal, last.atMs);
    const count = await this.#deps.certificateUnit.retainCount();
    // A counter below the last zero was reset by the emptying itself.
    this.#counted = count.ok ? (count.retainCount >= last.counterAfter ? count.retainCount - last.counterAfter : count.retainCount) : null;
  }

  /** Ticks one listed permit (by index) as collected, or untick; -1 is the unlisted cards. */
  toggleCollected(index: number): void {
    if (index === -1) {
      this.#unlistedCollected = !this.#unlistedCollected;
      return;
    }
    const item = this.#items[index];
    if (!item) return;
    if (this.#collected.has(item.txnId)) this.#collected.delete(item.txnId);
    else this.#collected.add(item.txnId);
  }

  async emptied(staffId: string): Promise<Outcome> {
    const allTicked = this.#items.every((item) => this.#collected.has(item.txnId)) && (this.#unlisted() === 0 || this.#unlistedCollected);
    if (!allTicked) return { key: 'maintenance.retainBin.confirmEach', tone: 'problem' };
    const status = await this.#deps.certificateUnit.getStatus();
    if (status.retainBin === 'full') return { key: 'maintenance.retainBin.stillFull', tone: 'problem' };
    const counter = await this.#deps.certificateUnit.retainCount();
    const counterAfter = counter.ok ? counter.retainCount : 0;
    recordStaffAction(this.#deps.records, staffId, 'retain-bin-emptied', { cards: this.#items.length, unlisted: this.#unlisted() }, {
      kind: 'retain-bin-emptied',
      payload: {
        cards: this.#items.map((item) => ({ relatedTxnId: item.txnId, transactionNo: item.transactionNo, kind: item.kind })),
        unlisted: this.#unlisted(),
        counted: this.#counted,
        counterAfter: counter.ok ? counter.retainCount : null,
      },
    });
    this.#deps.state.write(EMPTIED_KEY, { atMs: this.#deps.records.now(), counterAfter });
    this.reset();
    await this.refresh();
    return { key: 'maintenance.retainBin.emptied', tone: 'ok' };
  }
}
