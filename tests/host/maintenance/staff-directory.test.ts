/**
 * The staff list behind maintenance entry: central's scrypt hashes checked off the event loop,
 * the list cached in the journal's database for a kiosk cut off from central, a wrong PIN and a
 * hostile hash refused, and the PIN lockout kept across a reopened database.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { CentralResult } from '../../../main/host/central/central-result';
import { StaffReply, type StaffMember } from '../../../main/host/central/central-schemas';
import { MAX_PIN_FAILURES, PIN_LOCKOUT_MS, PinLockout } from '../../../main/host/maintenance/pin-lockout';
import { StaffDirectory } from '../../../main/host/maintenance/staff-directory';
import { KioskState } from '../../../main/host/operation/kiosk-state';
import { openStore, type Store } from '../../../main/host/store/open-store';
import { staffListBody, TEST_STAFF } from '../../../simulators/central/test-registry-records';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { ManualClock } from '../../support/manual-clock';

const log = pino({ level: 'silent' });
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function open(dataDir = mkdtempSync(join(tmpdir(), 'staff-'))): { state: KioskState; dataDir: string } {
  const store = openStore({ dataDir, log });
  stores.push(store);
  return { state: new KioskState(store.db), dataDir };
}

const centralList = (): StaffMember[] => StaffReply.parse({ staff: staffListBody() }).staff;
const answering = { kioskStaff: async (): Promise<CentralResult<StaffMember[]>> => ({ ok: true, value: centralList() }) };
const unreachable = {
  kioskStaff: async (): Promise<CentralResult<StaffMember[]>> => ({ ok: false, kind: 'unreachable', message: 'connect ECONNREFUSED', retryable: true }),
};
const officer = TEST_STAFF[0]!;
const officerCard = testCards['staff-officer'].text.idNumber;

describe('staff directory', () => {
  it('finds a staff member by the card and checks the PIN against the scrypt hash', async () => {
    const directory = new StaffDirectory({ state: open().state, central: answering, log, now: () => 0 });
    expect(await directory.refresh()).toBe(true);
    const entry = directory.byIdNumber(officerCard);
    expect(entry?.staffId).toBe(officer.staffId);
    expect(await directory.pinMatches(entry!, officer.pin)).toBe(true);
    expect(await directory.pinMatches(entry!, '000000')).toBe(false);
    // The other staff member's PIN is not this one's.
    expect(await directory.pinMatches(entry!, TEST_STAFF[1]!.pin)).toBe(false);
    // A citizen's card is nobody on the list.
    expect(directory.byIdNumber(testCards.resident.text.idNumber)).toBeUndefined();
  });

  it('keeps the last list for a kiosk cut off from central, across a reopened database', async () => {
    const first = open();
    await new StaffDirectory({ state: first.state, central: answering, log, now: () => 0 }).refresh();
    stores.pop()!.close();

    const offline = new StaffDirectory({ state: open(first.dataDir).state, central: unreachable, log, now: () => 0 });
    expect(await offline.refresh()).toBe(false);
    const entry = offline.byIdNumber(officerCard);
    expect(entry).toBeDefined();
    expect(await offline.pinMatches(entry!, officer.pin)).toBe(true);
  });

  it('lets nobody in when central never answered', async () => {
    const directory = new StaffDirectory({ state: open().state, central: unreachable, log, now: () => 0 });
    await directory.refresh();
    expect(directory.byIdNumber(officerCard)).toBeUndefined();
  });

  it('refuses a hash whose scrypt parameters would take more memory than the kiosk allows', async () => {
    const directory = new StaffDirectory({ state: open().state, central: answering, log, now: () => 0 });
    await directory.refresh();
    const entry = directory.byIdNumber(officerCard)!;
    expect(await directory.pinMatches({ ...entry, pin: { ...entry.pin, N: 2 ** 20, r: 8 } }, officer.pin)).toBe(false);
    expect(await directory.pinMatches({ ...entry, pin: { ...entry.pin, hash: Buffer.alloc(16).toString('base64') } }, officer.pin)).toBe(false);
  });

  it('checks the PIN without holding the event loop', async () => {
    const directory = new StaffDirectory({ state: open().state, central: answering, log, now: () => 0 });
    await directory.refresh();
    const entry = directory.byIdNumber(officerCard)!;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await Promise.all(Array.from({ length: 4 }, () => directory.pinMatches(entry, officer.pin)));
    clearInterval(timer);
    // scrypt with N=16384 takes tens of ms per check; timers kept firing while it ran.
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('PIN lockout, per staff card', () => {
  const OFFICER = 'P440104-0231';
  const AUXILIARY = 'P440106-0457';

  it("locks one card after its five wrong PINs for fifteen minutes, across a reopened database, and leaves another card's tries alone", () => {
    const clock = new ManualClock(1_000_000);
    const first = open();
    const lockout = new PinLockout(first.state, () => clock.now());
    expect(lockout.failed(AUXILIARY)).toBeNull();
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      expect(lockout.failed(OFFICER)).toBeNull();
      expect(lockout.attemptsLeft(OFFICER)).toBe(MAX_PIN_FAILURES - i);
    }
    expect(lockout.failed(OFFICER)).toBe(clock.now() + PIN_LOCKOUT_MS);
    // The other card is not locked and keeps its own count.
    expect(lockout.lockedUntil(AUXILIARY)).toBeNull();
    expect(lockout.attemptsLeft(AUXILIARY)).toBe(MAX_PIN_FAILURES - 1);
    stores.pop()!.close();

    const again = new PinLockout(open(first.dataDir).state, () => clock.now());
    expect(again.lockedUntil(OFFICER)).toBe(1_000_000 + PIN_LOCKOUT_MS);
    expect(again.attemptsLeft(AUXILIARY)).toBe(MAX_PIN_FAILURES - 1);
    clock.advance(PIN_LOCKOUT_MS - 1);
    expect(again.lockedUntil(OFFICER)).not.toBeNull();
    clock.advance(1);
    expect(again.lockedUntil(OFFICER)).toBeNull();
    expect(again.attemptsLeft(OFFICER)).toBe(MAX_PIN_FAILURES);
    expect(again.failed(OFFICER)).toBeNull();
    expect(again.attemptsLeft(OFFICER)).toBe(MAX_PIN_FAILURES - 1);
  });

  it("a right PIN clears that card's count only", () => {
    const lockout = new PinLockout(open().state, () => 0);
    lockout.failed(OFFICER);
    lockout.failed(OFFICER);
    lockout.failed(AUXILIARY);
    lockout.succeeded(OFFICER);
    expect(lockout.attemptsLeft(OFFICER)).toBe(MAX_PIN_FAILURES);
    expect(lockout.attemptsLeft(AUXILIARY)).toBe(MAX_PIN_FAILURES - 1);
  });

  it('a lock of the kiosk-wide count kept before the update still holds for every card until it runs out', () => {
    const clock = new ManualClock(1_000);
    const { state } = open();
    state.write('maintenance-pin-lockout', { failures: 0, lockedUntilMs: 1_000 + 60_000 });
    const lockout = new PinLockout(state, () => clock.now());
    expect(lockout.lockedUntil(OFFICER)).toBe(61_000);
    expect(lockout.lockedUntil(AUXILIARY)).toBe(61_000);
    clock.advance(60_000);
    expect(lockout.lockedUntil(OFFICER)).toBeNull();
    expect(lockout.attemptsLeft(AUXILIARY)).toBe(MAX_PIN_FAILURES);
  });

  it('a damaged lockout value locks every card for fifteen minutes from when it is found (fail closed), then lets them in', () => {
    const clock = new ManualClock(5);
    const { state } = open();
    state.write('maintenance-pin-lockout-by-card', 'garbage');
    const lockout = new PinLockout(state, () => clock.now());
    expect(lockout.lockedUntil(OFFICER)).toBe(5 + PIN_LOCKOUT_MS);
    clock.advance(60_000);
    // Found once: the lock does not move on with the clock.
    expect(lockout.lockedUntil(AUXILIARY)).toBe(5 + PIN_LOCKOUT_MS);
    clock.advance(PIN_LOCKOUT_MS);
    expect(lockout.lockedUntil(OFFICER)).toBeNull();
    expect(lockout.attemptsLeft(AUXILIARY)).toBe(MAX_PIN_FAILURES);
  });
});
