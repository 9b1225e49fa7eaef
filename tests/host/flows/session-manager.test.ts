import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { IdReaderDriver } from '../../../drivers/id-reader/driver';
import { createInProcessPipePair } from '../../../drivers/transport/in-process-pipe';
import type { SessionView } from '../../../main/api/contract';
import { SessionManager } from '../../../main/host/flows/session-manager';
import { openDatabase } from '../../../main/host/store/database';
import { Journal } from '../../../main/host/store/journal';
import { createSealer } from '../../../main/host/store/sealing';
import { IdReaderSimulator } from '../../../simulators/id-reader/simulator';
import { testCards } from '../../../simulators/id-reader/test-cards';

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
  let queued = 0;
  const sessions = new SessionManager({
    idReader: reader,
    journal,
    log: pino({ level: 'silent' }),
    stepTimeoutS,
    onRecordQueued: () => queued++,
  });
  const views: SessionView[] = [];
  sessions.onChange((view) => views.push(view));
  closers.push(async () => {
    sessions.end('test over');
    await reader.close();
  });
  return { simulator, sessions, journal, views, queued: () => queued };
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
    const { simulator, sessions, views } = rig(0.2 as number);
    sessions.start('id-reissue');
    await until(() => sessions.view.step === 'idle');
    expect(views.at(-1)).toEqual({ step: 'idle' });
    simulator.placeCard('resident');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(views.some((v) => v.step === 'reading-card')).toBe(false);
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
    const { simulator, sessions, journal } = rig();
    sessions.start('id-reissue');
    expect(sessions.end('cancelled').step).toBe('idle');
    simulator.placeCard('resident');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sessions.view).toEqual({ step: 'idle' });
    expect(journal.outbox.stats(Date.now()).pending).toBe(0);
  });
});
