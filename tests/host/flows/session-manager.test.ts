import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { IdReaderDriver } from '../../../drivers/id-reader/driver';
import { createInProcessPipePair } from '../../../drivers/transport/in-process-pipe';
import type { SessionView } from '../../../main/api/contract';
import { SessionManager, SessionStateError } from '../../../main/host/flows/session-manager';
import { openDatabase } from '../../../main/host/store/database';
import { Journal } from '../../../main/host/store/journal';
import { createSealer } from '../../../main/host/store/sealing';
import { IdReaderSimulator } from '../../../simulators/id-reader/simulator';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { ManualClock } from '../../support/manual-clock';

let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers) await close();
  closers = [];
});

function rig(stepTimeoutS = 60) {
  const pair = createInProcessPipePair('session');
  const simulator = new IdReaderSimulator(pair.device, { card: null });
  const reader = new IdReaderDriver(async () => pair.host, { timeouts: { findMs: 80, readMs: 200, readFingerprintMs: 200 } });
  const journal = new Journal(openDatabase(':memory:'), createSealer(randomBytes(32)));
  // Every wait for a card the session starts, and how it ended: proof the polling stopped.
  const waits: Array<Promise<Awaited<ReturnType<IdReaderDriver['waitForCard']>>>> = [];
  const waitForCard = reader.waitForCard.bind(reader);
  reader.waitForCard = (options) => {
    const wait = waitForCard(options);
    waits.push(wait);
    return wait;
  };
  let queued = 0;
  // Step deadlines run on a manual clock: a timeout happens when the test says, never by luck.
  const clock = new ManualClock(Date.now());
  const sessions = new SessionManager({
    idReader: reader,
    journal,
    log: pino({ level: 'silent' }),
    stepTimeoutS,
    clock,
    onRecordQueued: () => queued++,
  });
  const views: SessionView[] = [];
  sessions.onChange((view) => views.push(view));
  closers.push(async () => {
    sessions.end('test over');
    await reader.close();
  });
  return { simulator, sessions, journal, views, clock, waits, queued: () => queued };
}

const until = async (probe: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('citizen session', () => {
  it('waits for a card, reads it, journals it with its outbox record, and shows it masked', async () => {
    const { simulator, sessions, journal, views, queued } = rig();
    expect(sessions.start('id-reissue').step).toBe('insert-id-card');
    simulator.placeCard('resident');
    await until(() => sessions.view.step === 'identity-shown');
    expect(views.map((v) => v.step)).toEqual(['insert-id-card', 'reading-card', 'identity-shown']);
    const view = sessions.view as Extract<SessionView, { step: 'identity-shown' }>;
    expect(view.maskedName).toBe('张**');
    expect(view.maskedIdNumber).toBe(`4401**********${testCards.resident.text.idNumber.slice(-4)}`);
    expect(JSON.stringify(views)).not.toContain(testCards.resident.text.idNumber);
    expect(journal.get(view.txnId)?.state).toBe('identity-read');
    expect(journal.outbox.due(Date.now() + 1, 10)).toHaveLength(1);
    expect(queued()).toBe(1);
    sessions.finish();
    expect(journal.get(view.txnId)?.state).toBe('completed');
    expect(sessions.view).toEqual({ step: 'idle' });
  });

  it('ends the session when a step times out, and stops polling the reader', async () => {
    const { sessions, views, clock, waits } = rig(60);
    sessions.start('id-reissue');
    clock.advance(59_999);
    expect(sessions.view.step).toBe('insert-id-card');
    clock.advance(1);
    expect(views.at(-1)).toEqual({ step: 'idle' });
    expect(waits).toHaveLength(1);
    expect(await waits[0]).toMatchObject({ ok: false, reason: 'cancelled' });
  });

  it('ends a journaled transaction at once when its session times out, not at the next start', async () => {
    const { simulator, sessions, journal, clock } = rig(60);
    sessions.start('id-reissue');
    simulator.placeCard('resident');
    await until(() => sessions.view.step === 'identity-shown');
    const { txnId } = sessions.view as Extract<SessionView, { step: 'identity-shown' }>;
    expect(journal.get(txnId)?.state).toBe('identity-read');
    clock.advance(60_000);
    expect(sessions.view).toEqual({ step: 'idle' });
    expect(journal.get(txnId)?.state).toBe('abandoned');
    // Its record was queued when the identity was read, and still goes to central.
    expect(journal.outbox.stats(Date.now()).pending).toBe(1);
  });

  it('refuses every command that does not fit the current step, and changes nothing', async () => {
    const { simulator, sessions, journal } = rig();
    expect(() => sessions.cancel()).toThrow(SessionStateError);
    expect(() => sessions.finish()).toThrow(SessionStateError);
    expect(() => sessions.retry()).toThrow(SessionStateError);
    sessions.start('id-reissue');
    expect(() => sessions.start('id-reissue')).toThrow(/startService is not possible while the session is at step insert-id-card/);
    expect(() => sessions.finish()).toThrow(SessionStateError);
    expect(() => sessions.retry()).toThrow(SessionStateError);
    expect(sessions.view.step).toBe('insert-id-card');
    simulator.placeCard('resident');
    await until(() => sessions.view.step === 'identity-shown');
    expect(() => sessions.retry()).toThrow(SessionStateError);
    const { txnId } = sessions.view as Extract<SessionView, { step: 'identity-shown' }>;
    expect(journal.get(txnId)?.state).toBe('identity-read');
    sessions.finish();
    expect(journal.get(txnId)?.state).toBe('completed');
  });

  it('says the reader is out of service when it stops answering, without a retry', async () => {
    const { simulator, sessions } = rig();
    simulator.injectFault({ kind: 'silence' });
    sessions.start('id-reissue');
    await until(() => sessions.view.step === 'failed');
    expect(sessions.view).toMatchObject({ step: 'failed', messageKey: 'errors.readerOutOfService', canRetry: false });
  });

  it('offers a retry after a failed read, and the retry succeeds', async () => {
    const { simulator, sessions } = rig();
    simulator.placeCard('resident');
    simulator.injectFault({ kind: 'read-failed' });
    sessions.start('id-reissue');
    await until(() => sessions.view.step === 'failed');
    expect(sessions.view).toMatchObject({ messageKey: 'errors.cardReadFailed', canRetry: true });
    simulator.injectFault({ kind: 'none' });
    sessions.retry();
    await until(() => sessions.view.step === 'identity-shown');
  });

  it('forgets everything when the citizen cancels', async () => {
    const { simulator, sessions, journal, waits } = rig();
    sessions.start('id-reissue');
    expect(sessions.cancel().step).toBe('idle');
    expect(await waits[0]).toMatchObject({ ok: false, reason: 'cancelled' });
    simulator.placeCard('resident');
    expect(sessions.view).toEqual({ step: 'idle' });
    expect(journal.outbox.stats(Date.now()).pending).toBe(0);
  });
});
