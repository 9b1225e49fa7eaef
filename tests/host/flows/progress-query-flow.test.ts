/**
 * The progress query on the real host: flows, journal, the ID reader through its codec to the
 * simulator, and the embedded central simulator. The test is the citizen, through the screen API.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../../kiosk-config/schema';
import type { ResponseMessage, SessionView } from '../../../main/api/contract';
import { type Host, startHost } from '../../../main/host/host';

const KIOSK = 'GD-GZ-0001';
let hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts) await h.stop();
  hosts = [];
});

async function start(): Promise<Host> {
  const host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'progress-query-')),
    config: simulatorConfig({ sync: { heartbeatIntervalS: 3600, intervalMs: 200 }, devices: { idReader: { transport: 'simulator', card: 'resident' } } }),
    log: pino({ level: process.env.TEST_LOG ?? 'silent' }),
  });
  hosts.push(host);
  return host;
}

const call = (h: Host, command: string, args: object = {}): Promise<ResponseMessage> => h.api.handle({ kind: 'request', id: 1, command, args });
async function reach<S extends SessionView['step']>(h: Host, wanted: S): Promise<Extract<SessionView, { step: S }>> {
  await expect.poll(() => h.sessions.view.step, { timeout: 15_000 }).toBe(wanted);
  return h.sessions.view as Extract<SessionView, { step: S }>;
}
async function type(h: Host, text: string): Promise<void> {
  for (const key of text) expect(await call(h, 'keypadInput', { key })).toMatchObject({ ok: true });
}
const queries = (h: Host) => h.central!.requests.filter((r) => r.path.endsWith('/applications/query'));
const records = (h: Host) =>
  h.central!.store.records(KIOSK).map((r) => {
    const { kind, payload } = JSON.parse(r.body) as { kind: string; payload: Record<string, unknown> };
    return { kind, payload };
  });

/** Starts the query and picks the application-number way. */
async function byNumber(h: Host): Promise<void> {
  expect(await call(h, 'startService', { service: 'progress-query' })).toMatchObject({ ok: true, result: { step: 'query-choose-method', idCardAvailable: true } });
  expect(await call(h, 'chooseOption', { index: 1 })).toMatchObject({ ok: true, result: { step: 'query-input', field: 'applicationNo' } });
}

describe('progress query, host and simulators', { timeout: 60_000 }, () => {
  it('by ID card: the resident card finds her applications; central gets an audit line without the ID number', async () => {
    const h = await start();
    expect(h.sessions.view.step).toBe('idle');
    await call(h, 'startService', { service: 'progress-query' });
    await call(h, 'chooseOption', { index: 0 });
    const results = await reach(h, 'query-results');
    expect(results.applications).toEqual([expect.objectContaining({ applicationNo: 'GD-GZ-0001-20260105-3', status: 'collected', kind: 'hk-macau-endorsement' })]);
    await expect.poll(() => records(h)).toEqual([{ kind: 'audit', payload: { action: 'progress-query', outcome: 'found', method: 'id-card', count: 1, badInputs: 0 } }]);
    expect(JSON.stringify(h.central!.store.records(KIOSK))).not.toMatch(/44010|\d{17}[\dX]/);
    expect(await call(h, 'finishSession')).toMatchObject({ ok: true, result: { step: 'idle' } });
  });

  it('by application number and last 4: typed on the keypad, the last 4 echoed as dots only', async () => {
    const h = await start();
    await byNumber(h);
    await type(h, 'GD-GZ-0001-20260112-5');
    expect(await call(h, 'confirmStep')).toMatchObject({ ok: true, result: { step: 'query-input', field: 'idNumberLast4', typed: 0 } });
    // The elderly resident's application (seeded at central); her ID number ends in these 4.
    const last4 = (await import('../../../simulators/id-reader/test-cards')).testCards['resident-elderly'].text.idNumber.slice(-4);
    await type(h, last4);
    expect(h.sessions.view).toMatchObject({ step: 'query-input', echo: '••••', typed: 4 });
    expect(JSON.stringify(h.sessions.view)).not.toContain(last4);
    await call(h, 'confirmStep');
    const results = await reach(h, 'query-results');
    expect(results.applications[0]).toMatchObject({ status: 'ready-for-pickup', pickup: { kind: 'kiosk' } });
    expect(queries(h)).toHaveLength(1);
  });

  it('catches a malformed application number and a typo in the last 4 before any call', async () => {
    const h = await start();
    await byNumber(h);
    await type(h, 'GD-GZ-0001-20261340-5');
    expect(await call(h, 'confirmStep')).toMatchObject({ ok: true, result: { step: 'query-input', field: 'applicationNo', messageKey: 'progressQuery.input.badApplicationNo' } });
    for (let i = 0; i < 6; i++) await call(h, 'keypadInput', { key: 'delete' });
    expect(h.sessions.view).toMatchObject({ echo: 'GD-GZ-0001-2026', messageKey: null });
    await type(h, '0112-5');
    await call(h, 'confirmStep');
    // A letter is no key of the last-4 pad; an X before the end is a typo.
    expect(await call(h, 'keypadInput', { key: 'A' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    await type(h, '12X4');
    expect(await call(h, 'confirmStep')).toMatchObject({ ok: true, result: { step: 'query-input', field: 'idNumberLast4', messageKey: 'progressQuery.input.badLast4' } });
    expect(await call(h, 'keypadInput', { key: '5' })).toMatchObject({ ok: false });
    expect(queries(h)).toHaveLength(0);
  });

  it('refuses hostile keypad input at the contract', async () => {
    const h = await start();
    await byNumber(h);
    for (const key of ['a', 'AB', '', ' ', '/', 5]) expect(await call(h, 'keypadInput', { key })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await call(h, 'keypadInput', { key: '1', extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    await type(h, 'A'.repeat(26));
    expect(await call(h, 'keypadInput', { key: 'A' })).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('nothing found: says so, offers another try, and the audit line says not-found', async () => {
    const h = await start();
    await byNumber(h);
    await type(h, 'GD-GZ-0001-20260112-5');
    await call(h, 'confirmStep');
    await type(h, '0000');
    await call(h, 'confirmStep');
    expect(await reach(h, 'query-failed')).toMatchObject({ messageKey: 'progressQuery.failed.notFound', canRetry: true });
    expect(await call(h, 'retryStep')).toMatchObject({ ok: true, result: { step: 'query-choose-method' } });
    expect(await call(h, 'cancelSession')).toMatchObject({ ok: true, result: { step: 'idle' } });
    await expect.poll(() => records(h).map((r) => r.payload.outcome)).toEqual(['cancelled']);
  });

  it('central unreachable: a plain message; back ends the session with an audit line', async () => {
    const h = await start();
    h.central!.setOffline(true);
    await call(h, 'startService', { service: 'progress-query' });
    await call(h, 'chooseOption', { index: 0 });
    expect(await reach(h, 'query-failed')).toMatchObject({ messageKey: 'progressQuery.failed.centralUnreachable' });
    expect(await call(h, 'cancelSession')).toMatchObject({ ok: true, result: { step: 'idle' } });
    h.central!.setOffline(false);
    await expect.poll(() => records(h).map((r) => r.payload), { timeout: 15_000 }).toEqual([expect.objectContaining({ outcome: 'central-unreachable', count: 0 })]);
  });

  it('reader out during the read: says the reader cannot be used, nothing asked of central', async () => {
    const h = await start();
    h.simulators.idReader!.injectFault({ kind: 'result-code', sw3: 0x60 });
    await call(h, 'startService', { service: 'progress-query' });
    await call(h, 'chooseOption', { index: 0 });
    expect(await reach(h, 'query-failed')).toMatchObject({ messageKey: 'errors.readerOutOfService', canRetry: true });
    expect(queries(h)).toHaveLength(0);
  });
});
