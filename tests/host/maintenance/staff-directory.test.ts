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

describe('PIN lockout', () => {
  it('locks after five wrong PINs for fifteen minutes, across a reopened database, then counts afresh', () => {
    let now = 1_000_000;
    const first = open();
    const lockout = new PinLockout(first.state, () => now);
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      expect(lockout.failed()).toBeNull();
      expect(lockout.attemptsLeft()).toBe(MAX_PIN_FAILURES - i);
    }
    expect(lockout.failed()).toBe(now + PIN_LOCKOUT_MS);
    stores.pop()!.close();

    const again = new PinLockout(open(first.dataDir).state, () => now);
    expect(again.lockedUntil()).toBe(1_000_000 + PIN_LOCKOUT_MS);
    now += PIN_LOCKOUT_MS - 1;
    expect(again.lockedUntil()).not.toBeNull();
    now += 1;
    expect(again.lockedUntil()).toBeNull();
    expect(again.attemptsLeft()).toBe(MAX_PIN_FAILURES);
    expect(again.failed()).toBeNull();
    expect(again.attemptsLeft()).toBe(MAX_PIN_FAILURES - 1);
  });

  it('a right PIN clears the count', () => {
    const lockout = new PinLockout(open().state, () => 0);
    lockout.failed();
    lockout.failed();
    lockout.succeeded();
    expect(lockout.attemptsLeft()).toBe(MAX_PIN_FAILURES);
  });

  it('a damaged lockout value counts as locked (fail closed)', () => {
    const { state } = open();
    state.write('maintenance-pin-lockout', 'garbage');
    expect(new PinLockout(state, () => 5).lockedUntil()).toBe(5 + PIN_LOCKOUT_MS);
  });
});
