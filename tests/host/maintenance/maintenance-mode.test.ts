/**
 * Maintenance mode in the real host: the staff card read on the idle reader (the ID-reader
 * simulator through its codec), the PIN against the embedded central's staff list, the lockout on
 * the host's clock and across a restart, the kiosk out of service for citizens while it is open,
 * the session's time limit, and every staff action producing its record at central.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAINTENANCE_IDLE_S } from '../../../main/host/maintenance/maintenance-mode';
import { PIN_LOCKOUT_MS } from '../../../main/host/maintenance/pin-lockout';
import { simulatedUsbStick } from '../../../main/host/maintenance/maintenance-wiring';
import { KioskState } from '../../../main/host/operation/kiosk-state';
import { sha256Hex } from '../../../simulators/central/test-registry-records';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { UNLOADED_CERTIFICATE } from '../../../simulators/certificate-unit/test-data';
import { ManualClock } from '../../support/manual-clock';
import { act, audits, auxiliary, call, delivered, enter, KIOSK, kiosk, lay, lift, officer, type Open, opened, start, stopHost, stopHosts, typePin, view } from './maintenance-harness';

afterEach(stopHosts);

describe('maintenance entry', () => {
  it('a citizen card on the idle reader opens nothing; a staff card asks for the PIN, the right one opens maintenance and withdraws every service', async () => {
    const h = await start();
    // The simulated reader starts with a citizen's card on it: read once, nothing opens.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await view(h)).step).toBe('closed');

    await enter(h);
    const offer = await kiosk(h);
    expect(offer.services.every((s) => !s.available && s.reasonKey === 'services.inMaintenance')).toBe(true);
    await expect(call(h, 'startService', { service: 'progress-query' })).rejects.toMatchObject({ messageKey: 'services.inMaintenance' });

    const audit = await delivered(h, 'audit', 'maintenance-opened');
    expect(audit).toMatchObject({ staffId: officer.staffId, action: 'maintenance-opened' });

    expect((await act(h, { action: 'close' })).step).toBe('closed');
    await delivered(h, 'audit', 'maintenance-closed');
    expect((await kiosk(h)).services.find((s) => s.id === 'progress-query')?.available).toBe(true);

    // Nothing personal in any record the staff actions sent, nor in the journal rows they wrote.
    const bodies = JSON.stringify(audits(h));
    expect(bodies).not.toContain(officer.pin);
    expect(bodies).not.toContain(testCards['staff-officer'].text.idNumber);
    expect(bodies).not.toContain(sha256Hex(testCards['staff-officer'].text.idNumber));
    expect(bodies).not.toContain(officer.name);
  });

  it("a wrong PIN is refused with the tries left; the fifth locks that staff card (not another's) for 15 minutes, across a restart", async () => {
    const clock = new ManualClock(Date.parse('2026-03-02T10:00:00Z'));
    const dataDir = mkdtempSync(join(tmpdir(), 'maintenance-lock-'));
    let h = await start({ dataDir, clock });
    await expect.poll(() => h.central!.requests.some((r) => r.path.endsWith('/staff')), { timeout: 10_000 }).toBe(true);
    await lay(h, 'staff-officer', clock);
    expect(await act(h, { action: 'pin-confirm' })).toMatchObject({ step: 'pin', messageKey: 'maintenance.pin.tooShort', attemptsLeft: 5 });
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await typePin(h, '999999')).toMatchObject({ step: 'pin', messageKey: 'maintenance.pin.wrong', attemptsLeft: 5 - attempt, typed: 0 });
    }
    const locked = await typePin(h, '999999');
    expect(locked).toMatchObject({ step: 'locked', untilMs: clock.now() + PIN_LOCKOUT_MS });
    await expect(act(h, { action: 'pin-key', key: '1' })).rejects.toMatchObject({ messageKey: 'errors.notNow' });

    // The lock is the officer card's: another staff member's card still opens maintenance.
    await act(h, { action: 'close' });
    await lift(h, clock);
    await lay(h, 'staff-auxiliary', clock);
    expect(await view(h)).toMatchObject({ step: 'pin', staffId: auxiliary.staffId, attemptsLeft: 5 });
    expect((await typePin(h, auxiliary.pin)).step).toBe('open');
    await act(h, { action: 'close' });
    await lift(h, clock);

    // A restart does not give five more tries.
    await stopHost(h);
    h = await start({ dataDir, clock });
    await expect.poll(() => h.central!.requests.some((r) => r.path.endsWith('/staff')), { timeout: 10_000 }).toBe(true);
    await lay(h, 'staff-officer', clock);
    expect((await view(h)).step).toBe('locked');
    // The locked screen goes by itself; the lock stays until its time.
    await clock.advanceAsync(PIN_LOCKOUT_MS - 20_000);
    expect((await view(h)).step).toBe('closed');
    await lift(h, clock);
    await lay(h, 'staff-officer', clock);
    expect((await view(h)).step).toBe('locked');

    await clock.advanceAsync(20_000);
    await lift(h, clock);
    await lay(h, 'staff-officer', clock);
    expect(await view(h)).toMatchObject({ step: 'pin', attemptsLeft: 5 });
    expect((await typePin(h, officer.pin)).step).toBe('open');

    h.sync.kick();
    await clock.advanceAsync(1000);
    await expect.poll(() => audits(h).map((r) => r.payload.action), { timeout: 10_000 }).toEqual(expect.arrayContaining(['pin-refused', 'entry-locked', 'entry-refused-locked', 'maintenance-opened']));
    expect(audits(h).filter((r) => r.payload.action === 'pin-refused')).toHaveLength(4);
    // The card was refused twice while locked: after the restart and once more before the lock ran out.
    expect(audits(h).filter((r) => r.payload.action === 'entry-refused-locked')).toHaveLength(2);
    expect(JSON.stringify(audits(h))).not.toContain('999999');
  });

  it('an open session closes itself after its idle time, with an audit record', async () => {
    const clock = new ManualClock(Date.parse('2026-03-02T10:00:00Z'));
    const h = await start({ clock });
    await enter(h, clock);
    await clock.advanceAsync((MAINTENANCE_IDLE_S - 10) * 1000);
    // An action is presence: the time limit starts again.
    await act(h, { action: 'show', page: 'printer' });
    await clock.advanceAsync(20_000);
    expect((await view(h)).step).toBe('open');
    await clock.advanceAsync(MAINTENANCE_IDLE_S * 1000);
    expect((await view(h)).step).toBe('closed');
    h.sync.kick();
    await clock.advanceAsync(1000);
    await expect.poll(() => audits(h).some((r) => r.payload.action === 'maintenance-timed-out'), { timeout: 10_000 }).toBe(true);
  });

  it('with no staff list cached yet, a staff card makes the kiosk ask central again', async () => {
    const h = await start();
    const staffCalls = () => h.central!.requests.filter((r) => r.path.endsWith('/staff')).length;
    const state = new KioskState(h.store.db);
    // The list of the start is in the cache (its answer came back).
    await expect.poll(() => state.read('maintenance-staff-list'), { timeout: 10_000 }).toBeTruthy();
    expect(staffCalls()).toBe(1);
    // As if central had never answered: nothing cached.
    state.write('maintenance-staff-list', null);
    await lay(h, 'staff-officer');
    await expect.poll(staffCalls).toBe(2);
    expect(await view(h)).toMatchObject({ step: 'pin', staffId: officer.staffId });
  });

  it('refreshes the cached staff list when a heartbeat says it changed', async () => {
    const h = await start();
    const staffCalls = () => h.central!.requests.filter((r) => r.path.endsWith('/staff')).length;
    await expect.poll(staffCalls, { timeout: 10_000 }).toBe(1);
    await h.heartbeat.beatOnce();
    expect(staffCalls()).toBe(1);
    h.central!.markStaffListChanged(KIOSK);
    await h.heartbeat.beatOnce();
    await expect.poll(staffCalls, { timeout: 10_000 }).toBe(2);
  });
});

describe('maintenance actions', () => {
  it('shows device detail and counters, and records paper replaced and a test print', async () => {
    const h = await start();
    h.simulators.printer!.nearEnd();
    const v = await enter(h);
    expect(v.devices.printer.paper).toBe('near-end');
    expect(v.devices.certificateUnit).toMatchObject({ status: 'online', retainBin: 'ok' });
    expect(v.magazine.slots).toHaveLength(30);
    expect(v.counters).toMatchObject({ transactionsToday: 0, receiptsSincePaper: 0, paperReplacedAtMs: null });

    const jobs = h.simulators.printer!.jobs.length;
    expect(await act(h, { action: 'test-print' })).toMatchObject({ messageKey: 'maintenance.printer.testPrinted', messageTone: 'ok' });
    expect(h.simulators.printer!.jobs.length).toBe(jobs + 1);
    expect((await opened(h)).counters.receiptsSincePaper).toBe(1);
    // Slips the services printed count too: an endorsement's receipt, an ID reissue's receipt and
    // temporary certificate (as their flows journal them); one without paper does not.
    const flowRow = (txnId: string, kind: string, context: Record<string, unknown>) =>
      h.journal.record({ txnId, kind, state: 'completed', data: { sessionId: txnId, snapshot: { context } } }, Date.now());
    flowRow('e-1', 'hk-macau-endorsement', { transactionNo: 'T1', receiptPrinted: true });
    flowRow('e-2', 'hk-macau-endorsement', { transactionNo: 'T2', receiptPrinted: false });
    flowRow('r-1', 'id-reissue', { transactionNo: 'R1', receiptPrinted: true, certificateFate: 'printed' });
    expect(((await act(h, { action: 'refresh' })) as Open).counters).toMatchObject({ receiptsSincePaper: 4, transactionsToday: 3 });
    expect(await delivered(h, 'audit', 'test-print')).toMatchObject({ outcome: 'printed', staffId: officer.staffId });

    h.simulators.printer!.refillPaper();
    const after = await act(h, { action: 'paper-replaced' });
    expect(after).toMatchObject({ messageKey: 'maintenance.printer.paperReplaced' });
    expect((after as Open).counters.receiptsSincePaper).toBe(0);
    expect((after as Open).counters.transactionsToday).toBe(3);
    expect((after as Open).counters.paperReplacedAtMs).not.toBeNull();
    expect(await delivered(h, 'audit', 'paper-replaced')).toMatchObject({ paper: 'ok' });
  });

  it('loads a certificate: read on the reader, matched to central list, slot assigned, placement checked, magazine-loaded sent', async () => {
    const h = await start();
    const unit = h.simulators.certificateUnit!;
    // The magazine is full; the technician takes an old certificate out of slot 30 first.
    unit.unloadMagazineSlot(30);
    const v = await enter(h);
    expect(v.magazine.waitingAtCentral).toBe(1);

    // A card central does not wait for is refused.
    h.simulators.idReader!.placeCard('resident');
    expect(await act(h, { action: 'magazine-read' })).toMatchObject({ messageKey: 'maintenance.magazine.notOnList', messageTone: 'problem' });
    // The reissued card: matched, slot 30 assigned.
    h.simulators.idReader!.placeCard('foreign-2023');
    const read = (await act(h, { action: 'magazine-read' })) as Open;
    expect(read.magazine.pending).toEqual({ certificateId: 'SIM-CERT-NEW-01', kind: 'resident-id', slot: 30 });
    // Not in the slot yet: nothing is recorded.
    expect(await act(h, { action: 'magazine-placed' })).toMatchObject({ messageKey: 'maintenance.magazine.slotStillEmpty' });
    unit.loadMagazineSlot(30, UNLOADED_CERTIFICATE);
    const placed = (await act(h, { action: 'magazine-placed' })) as Open;
    expect(placed.magazine).toMatchObject({ pending: null, lastLoaded: { certificateId: 'SIM-CERT-NEW-01', slot: 30 }, waitingAtCentral: 0 });
    expect(await delivered(h, 'magazine-loaded')).toMatchObject({ certificateId: 'SIM-CERT-NEW-01', slot: 30, staffId: officer.staffId });
    await delivered(h, 'audit', 'magazine-loaded');
    // Central now has it in slot 30; reading the same card again says it is loaded already.
    expect(await act(h, { action: 'magazine-read' })).toMatchObject({ messageKey: 'maintenance.magazine.alreadyLoaded' });
  });

  it('empties the retain bin: each retained permit and certificate listed and ticked, the bin checked, retain-bin-emptied sent', async () => {
    const h = await start();
    // An endorsement whose permit was not taken, as the flow journals it (persisted snapshot).
    h.journal.record(
      {
        txnId: 'retained-1',
        kind: 'hk-macau-endorsement',
        state: 'completed',
        data: { sessionId: 's', snapshot: { context: { transactionNo: 'T20260302-0001', permit: { number: 'CT0000001' }, permitFate: 'retained', receiptPrinted: true } } },
      },
      Date.now() - 1000,
    );
    // A pickup whose certificate was not taken from the gate.
    h.journal.record(
      {
        txnId: 'retained-2',
        kind: 'certificate-pickup',
        state: 'completed',
        data: { sessionId: 's2', snapshot: { context: { transactionNo: 'P20260302-0002', certificate: { certificateId: 'SIM-CERT-07', slot: 7 }, fate: 'retained' } } },
      },
      Date.now(),
    );
    h.simulators.certificateUnit!.fillRetainBin();
    const v = await enter(h);
    expect(v.retainBin.full).toBe(true);
    expect(v.retainBin.items).toEqual([
      expect.objectContaining({ transactionNo: 'T20260302-0001', kind: 'permit', label: 'CT*****01', collected: false }),
      expect.objectContaining({ transactionNo: 'P20260302-0002', kind: 'certificate', label: 'SIM-CERT-07', collected: false }),
    ]);
    expect(v.retainBin.unlisted).toBe(48);
    expect(v.service.problems).toContain('maintenance.problem.retainBinFull');

    expect(await act(h, { action: 'retain-emptied' })).toMatchObject({ messageKey: 'maintenance.retainBin.confirmEach' });
    await act(h, { action: 'retain-collected', index: 0 });
    await act(h, { action: 'retain-collected', index: -1 });
    // One still not ticked.
    expect(await act(h, { action: 'retain-emptied' })).toMatchObject({ messageKey: 'maintenance.retainBin.confirmEach' });
    await act(h, { action: 'retain-collected', index: 1 });
    // Ticked, but the bin is still full in the unit.
    expect(await act(h, { action: 'retain-emptied' })).toMatchObject({ messageKey: 'maintenance.retainBin.stillFull' });
    h.simulators.certificateUnit!.clearFaults({ emptyRetainBin: true });
    const emptied = (await act(h, { action: 'retain-emptied' })) as Open;
    expect(emptied).toMatchObject({ messageKey: 'maintenance.retainBin.emptied' });
    expect(emptied.retainBin).toMatchObject({ items: [], counted: 0, full: false });
    const record = await delivered(h, 'retain-bin-emptied');
    expect(record).toMatchObject({
      staffId: officer.staffId,
      cards: [
        { relatedTxnId: 'retained-1', transactionNo: 'T20260302-0001', kind: 'permit' },
        { relatedTxnId: 'retained-2', transactionNo: 'P20260302-0002', kind: 'certificate' },
      ],
      unlisted: 48,
      counted: 50,
    });
    expect(JSON.stringify(record)).not.toContain('CT0000001');
  });

  it('takes the kiosk out of service and back only when its devices are healthy', async () => {
    const h = await start();
    await enter(h);
    expect(await act(h, { action: 'out-of-service' })).toMatchObject({ service: { outOfService: true, byStaff: true, byCentral: false } });
    await delivered(h, 'audit', 'out-of-service');

    h.simulators.certificateUnit!.setSilent(true);
    await act(h, { action: 'refresh' });
    const refused = (await act(h, { action: 'in-service' })) as Open;
    expect(refused).toMatchObject({ messageKey: 'maintenance.service.notHealthy', service: { outOfService: true } });
    expect(refused.service.problems).toContain('maintenance.problem.certificateUnit');

    h.simulators.certificateUnit!.setSilent(false);
    expect(await act(h, { action: 'in-service' })).toMatchObject({ messageKey: 'maintenance.service.backIn', service: { outOfService: false, problems: [] } });
    await delivered(h, 'audit', 'in-service');
    await act(h, { action: 'close' });
    expect((await kiosk(h)).outOfService).toBe(false);
  });

  it('exports the log and the last 7 days of the journal, without personal data, to the stick', async () => {
    const h = await start();
    await enter(h);
    const done = (await act(h, { action: 'export' })) as Open;
    expect(done).toMatchObject({ messageKey: 'maintenance.export.done', export: { target: simulatedUsbStick(h.dataDir) } });
    const folder = done.export.last!.folder;
    expect(readdirSync(folder).sort()).toEqual(['journal-summary.json', 'kiosk.log']);
    const summary = JSON.parse(readFileSync(join(folder, 'journal-summary.json'), 'utf8')) as { kioskId: string; transactions: Array<{ date: string; byKind: Record<string, Record<string, number>> }> };
    expect(summary.kioskId).toBe(KIOSK);
    expect(summary.transactions).toHaveLength(7);
    expect(summary.transactions.at(-1)!.byKind.audit?.completed).toBeGreaterThanOrEqual(1);
    const text = readFileSync(join(folder, 'journal-summary.json'), 'utf8');
    for (const card of Object.values(testCards)) expect(text).not.toContain(card.text.idNumber);
    expect(await delivered(h, 'audit', 'export')).toMatchObject({ files: 2 });
  });

  it('says so when no stick is found', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maintenance-nostick-'));
    const h = await start({ dataDir, exportDir: join(dataDir, 'not', 'mounted') });
    await enter(h);
    // A configured folder that cannot be made (a file where the mount point should be) fails cleanly.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dataDir, 'not'), 'a file, not a mount point');
    expect(await act(h, { action: 'export' })).toMatchObject({ messageKey: 'maintenance.export.failed', messageTone: 'problem' });
    expect(existsSync(join(dataDir, 'not', 'mounted'))).toBe(false);
  });
});
