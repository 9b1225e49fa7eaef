import type { CertificateUnitDriver } from '../../../drivers/certificate-unit/driver';
import type { IdReaderDriver } from '../../../drivers/id-reader/driver';
import type { MagazineView } from '../../api/maintenance-contract';
import type { CentralApi } from '../central/central-api';
import type { Logger } from '../log';
import { idNumberDigest } from './staff-directory';
import { recordStaffAction, type StaffRecordDeps } from './staff-records';

export interface MagazineLoadingDeps {
  readonly idReader: Pick<IdReaderDriver, 'readCard'>;
  readonly certificateUnit: Pick<CertificateUnitDriver, 'inventory'>;
  readonly central: Pick<CentralApi, 'kioskCertificates'>;
  readonly records: StaffRecordDeps;
  readonly log: Logger;
}

export interface Outcome {
  readonly key: string;
  readonly tone: 'ok' | 'problem';
}
const ok = (key: string): Outcome => ({ key, tone: 'ok' });
const problem = (key: string): Outcome => ({ key, tone: 'problem' });

/**
 * Loading finished certificates into the magazine, one at a time: the technician lays the
 * certificate (a reissued resident ID card) on the ID reader; the kiosk reads its chip (GA 467),
 * matches its holder against central's list of certificates waiting for this kiosk (by the ID
 * number's SHA-256, as central sends it), and assigns the first empty slot the unit reports. Once
 * the technician has put it in, the unit's inventory must show that slot, and only that slot,
 * newly loaded since the read (a card put into another slot, or two cards, are caught); then the
 * `magazine-loaded` record goes to central. The ID number read is hashed and forgotten.
 *
 * The ID reader is the only place a certificate can be identified: the certificate unit's contract
 * (../shared/contracts/certificate-unit.md) reports a magazine slot as loaded or empty (80 31) and
 * can only move a slot's card out to the gate (80 30); its RF commands (60 3x) work on a card at the
 * RF position and read a permit's record, not a certificate in a slot. So which card lies in which
 * slot rests on the read before it goes in and on the inventory's change, not on a read in place.
 */
export class MagazineLoading {
  readonly #deps: MagazineLoadingDeps;
  readonly #listeners = new Set<() => void>();
  #slots: boolean[] | null = null;
  #waiting: number | null = null;
  #pending: MagazineView['pending'] = null;
  /** The inventory when the pending certificate was matched: what the placement must change. */
  #slotsAtRead: boolean[] | null = null;
  #lastLoaded: MagazineView['lastLoaded'] = null;

  constructor(deps: MagazineLoadingDeps) {
    this.#deps = deps;
  }

  onChange(listener: () => void): void {
    this.#listeners.add(listener);
  }

  view(): MagazineView {
    return { slots: this.#slots, waitingAtCentral: this.#waiting, pending: this.#pending, lastLoaded: this.#lastLoaded };
  }

  reset(): void {
    this.#pending = null;
    this.#slotsAtRead = null;
    this.#lastLoaded = null;
  }

  /** Reads the unit's inventory and central's list again. */
  async refresh(): Promise<void> {
    await this.#readInventory();
    const list = await this.#deps.central.kioskCertificates();
    this.#waiting = list.ok ? list.value.filter((certificate) => certificate.slot === null).length : null;
  }

  async readCertificate(): Promise<Outcome> {
    this.#pending = null;
    this.#slotsAtRead = null;
    const read = await this.#deps.idReader.readCard();
    if (!read.ok) return problem(read.reason === 'no-card' ? 'maintenance.magazine.noCard' : 'maintenance.magazine.readFailed');
    const digest = idNumberDigest(read.value.idNumber);
    const list = await this.#deps.central.kioskCertificates();
    if (!list.ok) return problem('maintenance.magazine.centralUnreachable');
    this.#waiting = list.value.filter((certificate) => certificate.slot === null).length;
    const holders = list.value.filter((certificate) => certificate.holderIdNumberSha256.toLowerCase() === digest);
    if (holders.length === 0) return problem('maintenance.magazine.notOnList');
    const certificate = holders.find((candidate) => candidate.slot === null);
    if (!certificate) return problem('maintenance.magazine.alreadyLoaded');
    const slots = await this.#readInventory();
    if (!slots) return problem('maintenance.magazine.unitNotAnswering');
    const empty = slots.findIndex((loaded) => !loaded);
    if (empty < 0) return problem('maintenance.magazine.full');
    this.#slotsAtRead = slots;
    this.#pending = { certificateId: certificate.certificateId, kind: certificate.kind, slot: empty + 1 };
    return ok('maintenance.magazine.putInSlot');
  }

  /** The technician says the certificate is in its slot: the unit must agree before it is recorded. */
  async confirmPlaced(staffId: string): Promise<Outcome> {
    const pending = this.#pending;
    if (!pending) return problem('maintenance.magazine.nothingPending');
    const slots = await this.#readInventory();
    if (!slots) return problem('maintenance.magazine.unitNotAnswering');
    const before = this.#slotsAtRead ?? [];
    const filled = slots.flatMap((loaded, index) => (loaded && !before[index] ? [index + 1] : []));
    if (!slots[pending.slot - 1]) return problem(filled.length > 0 ? 'maintenance.magazine.wrongSlot' : 'maintenance.magazine.slotStillEmpty');
    // The assigned slot and another filled since the read: which one holds this certificate is unknown.
    if (filled.length > 1) return problem('maintenance.magazine.severalFilled');
    recordStaffAction(this.#deps.records, staffId, 'magazine-loaded', { slot: pending.slot }, {
      kind: 'magazine-loaded',
      payload: { certificateId: pending.certificateId, kind: pending.kind, slot: pending.slot },
    });
    this.#deps.log.info({ certificateId: pending.certificateId, slot: pending.slot }, 'certificate loaded into the magazine');
    this.#lastLoaded = { certificateId: pending.certificateId, slot: pending.slot };
    this.#pending = null;
    this.#slotsAtRead = null;
    if (this.#waiting) this.#waiting -= 1;
    return ok('maintenance.magazine.loaded');
  }

  async #readInventory(): Promise<boolean[] | null> {
    const inventory = await this.#deps.certificateUnit.inventory();
    this.#slots = inventory.ok ? inventory.slots.map((slot) => slot.loaded) : null;
    for (const listener of this.#listeners) listener();
    return this.#slots;
  }
}
