import type { Db } from './database';
import { transactionAad } from './journal';
import { outboxAad } from './outbox';
import { isLegacyV1, type KeyRing, openLegacyV1, type Sealer } from './sealing';

export interface ResealResult {
  readonly resealed: number;
  /** Version 1 values no key in the ring opens; left as they are (reads quarantine them). */
  readonly unreadable: number;
}

/** Version 1 values start with the byte 0x01, so SQL picks them out without handing every blob to JS. */
const TABLES = [
  { table: 'transactions', key: 'txn_id', column: 'data_sealed', aad: (key: unknown) => transactionAad(String(key)) },
  { table: 'outbox', key: 'seq', column: 'payload_sealed', aad: (key: unknown) => outboxAad(Number(key)) },
  { table: 'dead_letters', key: 'seq', column: 'payload_sealed', aad: (key: unknown) => outboxAad(Number(key)) },
] as const;

/**
 * Re-seals values written by the first releases (version 1: no key id, no row binding) in the
 * current format, in one SQLite transaction, so that afterwards every sealed value is bound to
 * its row and ordinary reads can refuse version 1 outright. Runs at every start; with nothing
 * left to convert it costs one scan of each (small, retention-bounded) table.
 */
export function resealLegacyRows(db: Db, ring: KeyRing, sealer: Sealer): ResealResult {
  let resealed = 0;
  let unreadable = 0;
  db.transaction(() => {
    for (const { table, key, column, aad } of TABLES) {
      const rows = db.prepare(`SELECT ${key} AS k, ${column} AS v FROM ${table} WHERE substr(${column}, 1, 1) = X'01'`).all() as Array<{
        k: string | number;
        v: Buffer;
      }>;
      const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`);
      for (const row of rows) {
        if (!isLegacyV1(row.v)) continue;
        const plain = openWithAnyKey(row.v, ring);
        if (!plain) {
          unreadable += 1;
          continue;
        }
        update.run(sealer.seal(plain, aad(row.k)), row.k);
        resealed += 1;
      }
    }
  })();
  return { resealed, unreadable };
}

function openWithAnyKey(sealed: Buffer, ring: KeyRing): Buffer | null {
  for (const id of ring.ids()) {
    try {
      return openLegacyV1(sealed, ring.get(id)!);
    } catch {
      // another key may have sealed it; the first releases had one key, so this is rare
    }
  }
  return null;
}
