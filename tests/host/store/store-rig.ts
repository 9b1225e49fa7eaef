import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openStore, type StoreOptions } from '../../../main/host/store/open-store';

export const silent = pino({ level: 'silent' });

/** Plenty of free space, unless a test says otherwise. */
export const roomyDisk = () => ({ bavail: 10n ** 9n, bsize: 4096n });

/** A fresh data folder and a function that opens the store in it (again and again, like restarts). */
export function storeRig(overrides: Partial<StoreOptions> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'store-'));
  const open = (more: Partial<StoreOptions> = {}) => openStore({ dataDir, log: silent, now: () => 0, statfs: roomyDisk, ...overrides, ...more });
  return { dataDir, dbFile: join(dataDir, 'kiosk.sqlite'), keysDir: join(dataDir, 'keys'), open };
}

export const step = (txnId: string, state = 'completed') => ({
  txnId,
  kind: 'id-reissue',
  state,
  data: { idNumber: '44010619900307001X', name: '张测试' },
});

export const recordFor = (txnId: string, payload: unknown = { txnId }) => ({
  txnId,
  kind: 'id-reissue',
  occurredAt: '2026-11-22T03:00:00.000Z',
  payload,
});
