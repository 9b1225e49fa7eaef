import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { startHost } from '../../main/host/host';

describe('start-up recovery', () => {
  it('closes a transaction cut short by a crash and still delivers its record to central', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'recovery-'));
    // The first host "crashes" with the record still in its outbox: its sync is stopped first.
    const config = simulatorConfig({ devices: { idReader: { transport: 'simulator', card: 'none' } } });
    const log = pino({ level: 'silent' });
    const first = await startHost({ dataDir, config, log });
    await first.sync.stop();
    first.journal.record({ txnId: 't-crash', kind: 'id-reissue', state: 'identity-read', data: { sessionId: 's' } }, Date.now(), [
      { txnId: 't-crash', kind: 'id-reissue', occurredAt: new Date().toISOString(), payload: { step: 'identity-read' } },
    ]);
    await first.stop();

    const second = await startHost({ dataDir, config, log });
    try {
      expect(second.journal.get('t-crash')?.state).toBe('abandoned');
      expect(second.journal.unfinished(['completed', 'abandoned'])).toEqual([]);
      await expect.poll(() => second.central!.store.records('GD-GZ-0001').map((r) => r.txnId)).toEqual(['t-crash']);
    } finally {
      await second.stop();
    }
  });
});
