import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../main/host/log';
import { testCards } from '../../simulators/id-reader/test-cards';

describe('logs', () => {
  it('never write personal data, wherever it sits in the logged object', () => {
    let written = '';
    const destination = new Writable({
      write(chunk, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    const log = createLogger({ level: 'info', destination });
    const card = { ...testCards.resident.text, photoWlt: 'AAAA' };
    log.info({ idNumber: card.idNumber, name: card.name }, 'flat');
    log.info({ card }, 'nested');
    log.info({ session: { identity: { idNumber: card.idNumber, name: card.name } } }, 'deeper');
    log.info({ record: { payload: { identity: card } } }, 'outbox record');
    log.info({ central: { secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=' } }, 'config');
    expect(written.split('\n').filter(Boolean)).toHaveLength(5);
    for (const secret of [card.idNumber, card.name, card.address!, 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=']) expect(written).not.toContain(secret);
    expect(written).toContain('[redacted]');
  });
});
