import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../main/host/log';
import { testCards } from '../../simulators/id-reader/test-cards';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines, text: () => lines.join('\n') };
}

const card = { ...testCards.resident.text, photoWlt: 'V0xUUEhPVE8=' };
const SECRETS = [card.idNumber, card.name, card.address!, 'V0xUUEhPVE8=', 'c2VjcmV0LXNlY3JldC1zZWNyZXQ='];

describe('logs', () => {
  it('never write personal data, wherever it sits in the logged object', () => {
    const { log, lines, text } = capture();
    log.info({ idNumber: card.idNumber, name: card.name }, 'flat');
    log.info({ card }, 'nested');
    log.info({ session: { identity: { idNumber: card.idNumber, name: card.name } } }, 'deeper');
    log.info({ record: { payload: { identity: card } } }, 'outbox record');
    log.info({ central: { secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=' } }, 'config');
    log.info({ a: { b: { c: { d: { e: { f: { holder: { address: card.address } } } } } } } }, 'six levels down');
    log.info({ batch: [{ seq: 1, identity: card }, [{ nameEn: 'ZHANG', photo: 'V0xUUEhPVE8=' }]] }, 'in arrays');
    log.info({ people: [{ Name: card.name, BirthDate: card.birthDate }] }, 'other case');
    expect(lines).toHaveLength(8);
    for (const secret of SECRETS) expect(text()).not.toContain(secret);
    expect(text()).not.toContain(card.birthDate);
  });

  it('keeps what is not personal, so the lines stay useful', () => {
    const { log, lines } = capture();
    log.info({ batch: [{ seq: 7, kind: 'id-reissue', identity: { idNumber: card.idNumber } }], at: new Date(0) }, 'sent');
    const line = JSON.parse(lines[0]!) as { batch: Array<{ seq: number; kind: string; identity: { idNumber: string } }>; at: string; msg: string };
    expect(line.batch[0]).toEqual({ seq: 7, kind: 'id-reissue', identity: { idNumber: '[redacted]' } });
    expect(line.at).toBe('1970-01-01T00:00:00.000Z');
    expect(line.msg).toBe('sent');
  });

  it('redacts child bindings, errors and ID numbers written into text', () => {
    const { log, lines, text } = capture();
    log.child({ part: 'session' }).child({ session: { identity: [{ name: card.name }] } }).info('grandchild');
    const error = Object.assign(new Error(`no record for ${card.idNumber}`), { payload: { idNumber: card.idNumber } });
    log.error({ err: error }, 'failed');
    log.error(new Error('wrapped', { cause: { address: card.address } }));
    log.warn(`card ${card.idNumber} read`);
    expect(lines).toHaveLength(4);
    for (const secret of SECRETS) expect(text()).not.toContain(secret);
    const failed = JSON.parse(lines[1]!) as { err: { type: string; message: string; stack: string } };
    expect(failed.err.type).toBe('Error');
    expect(failed.err.message).toBe('no record for [redacted]');
  });

  it('survives a cycle and an object seen twice', () => {
    const { log, lines } = capture();
    const shared = { kind: 'x' };
    const loop: Record<string, unknown> = { name: card.name, shared, again: shared };
    loop.self = loop;
    log.info({ loop }, 'cyclic');
    const line = JSON.parse(lines[0]!) as { loop: Record<string, unknown> };
    expect(line.loop).toEqual({ name: '[redacted]', shared: { kind: 'x' }, again: { kind: 'x' }, self: '[circular]' });
  });
});
