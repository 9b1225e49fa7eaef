import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../../kiosk-config/schema';
import type { ResponseMessage, SessionView } from '../../../main/api/contract';
import { type Host, startHost } from '../../../main/host/host';
import { SimulatedCamera } from '../../../simulators/camera/simulated-camera';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';
import { textFor } from '../../support/catalogues';

const KIOSK = 'GD-GZ-0001';
let hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts) await h.stop();
  hosts = [];
});

async function start(dataDir = mkdtempSync(join(tmpdir(), 'endorsement-'))): Promise<Host> {
  const host = await startHost({
    dataDir,
    config: simulatorConfig({ sync: { heartbeatIntervalS: 3600, intervalMs: 200 }, devices: { idReader: { transport: 'simulator', card: 'resident' } } }),
    log: pino({ level: process.env.TEST_LOG ?? 'silent' }),
    // No screen here: the simulated camera hands over the drawn face.
    camera: new SimulatedCamera(),
  });
  hosts.push(host);
  // Payments are made by the test (or not), not by the simulator's cooperative citizen.
  host.central!.setAutoPay(false);
  return host;
}

async function call(h: Host, command: string, args: object = {}): Promise<ResponseMessage> {
  return h.api.handle({ kind: 'request', id: 1, command, args });
}

const step = (h: Host) => h.sessions.view.step;
async function reach(h: Host, wanted: SessionView['step'], timeout = 15_000): Promise<SessionView> {
  await expect.poll(() => step(h), { timeout }).toBe(wanted);
  return h.sessions.view;
}

/** The citizen pushes the permit in once the slot is open. */
async function insertPermit(h: Host): Promise<void> {
  await expect.poll(() => h.simulators.certificateUnit!.state.entryEnabled, { timeout: 10_000 }).toBe(true);
  expect(h.simulators.certificateUnit!.insertCard(TEST_PERMITS[0]!)).toBe(true);
}

/** The citizen takes the permit once it is out in the gate. */
async function takePermit(h: Host): Promise<void> {
  await reach(h, 'take-permit');
  await expect.poll(() => h.simulators.certificateUnit!.state.location, { timeout: 15_000 }).toBe('gate');
  expect(h.simulators.certificateUnit!.takeCardFromGate()).toBeDefined();
}

const records = (h: Host) => h.central!.store.records(KIOSK).map((r) => ({ kind: r.kind, txnId: r.txnId, body: JSON.parse(r.body) as { payload: Record<string, unknown> } }));

async function toPayment(h: Host): Promise<Extract<SessionView, { step: 'pay' }>> {
  expect(await call(h, 'startService', { service: 'hk-macau-endorsement' })).toMatchObject({ ok: true, result: { step: 'insert-permit' } });
  await insertPermit(h);
  const choose = (await reach(h, 'choose-endorsement')) as Extract<SessionView, { step: 'choose-endorsement' }>;
  expect(choose.options.length).toBeGreaterThan(0);
  expect(await call(h, 'chooseOption', { index: 1 })).toMatchObject({ ok: true });
  return (await reach(h, 'pay')) as Extract<SessionView, { step: 'pay' }>;
}

describe('HK/Macau endorsement, host and simulators', { timeout: 90_000 }, () => {
  it('delivers: permit in, ID card, face, options from central, paid, written, handed back, receipt, one record', async () => {
    const h = await start();
    const pay = await toPayment(h);
    expect(pay.option).toEqual({ code: 'G', validity: '1Y', entries: 2, feeFen: 3000 });
    expect(pay.amountFen).toBe(3000);
    h.central!.payNow();
    await takePermit(h);
    const done = (await reach(h, 'flow-done')) as Extract<SessionView, { step: 'flow-done' }>;
    expect(done).toMatchObject({ outcome: 'delivered', receiptPrinted: true, permitRetained: false, messageKey: null });

    const taken = h.simulators.certificateUnit!.state.taken.at(-1);
    expect(taken?.kind === 'permit' && taken.permit.endorsements.at(-1)).toMatchObject({ code: 'G', validity: '1Y' });
    expect(h.simulators.printer!.jobs).toHaveLength(1);
    await expect.poll(() => records(h).map((r) => r.kind)).toEqual(['endorsement']);
    const [record] = records(h);
    expect(record!.txnId).toBe(done.txnId);
    expect(record!.body.payload).toMatchObject({ outcome: 'delivered', written: true, permitFate: 'taken', payment: { paid: true, refunded: false } });
    // The live photo went to central before the record, and nothing personal is left in the session.
    expect(h.central!.attachments.get(KIOSK, done.txnId, 'live.jpg')?.length).toBe(record!.body.payload && (JSON.parse(h.central!.store.records(KIOSK)[0]!.body) as { attachments: Array<{ bytes: number }> }).attachments[0]!.bytes);
    expect(await call(h, 'finishSession')).toMatchObject({ ok: true, result: { step: 'idle' } });
  });

  it('refunds and prints a failure receipt when the chip write fails after payment, and hands the permit back', async () => {
    const h = await start();
    await toPayment(h);
    // The chip takes no write (a worn chip) once the citizen has paid.
    h.simulators.certificateUnit!.chipWriteFails();
    h.central!.payNow();
    await takePermit(h);
    const done = (await reach(h, 'flow-done')) as Extract<SessionView, { step: 'flow-done' }>;
    expect(done.outcome).toBe('refunded');
    expect(done.messageKey).toBe('endorsement.failed.writeFailedRefunded');
    const payment = h.central!.payments(1)[0];
    expect(payment?.status).toBe('refunded');
  });

  it('hands the permit back when the citizen cancels at the payment, and closes the payment', async () => {
    const h = await start();
    await toPayment(h);
    expect(await call(h, 'cancelSession')).toMatchObject({ ok: true });
    await takePermit(h);
    const done = (await reach(h, 'flow-done')) as Extract<SessionView, { step: 'flow-done' }>;
    expect(done).toMatchObject({ outcome: 'ended', messageKey: 'endorsement.failed.cancelled' });
    expect(h.central!.payments(1)[0]?.status).toBe('cancelled');
    await expect.poll(() => records(h).map((r) => r.body.payload.outcome)).toEqual(['ended']);
  });

  it('says why when central finds the citizen not eligible, and takes no payment', async () => {
    const h = await start();
    h.central!.setNotEligible('quota_reached');
    await call(h, 'startService', { service: 'hk-macau-endorsement' });
    await insertPermit(h);
    await takePermit(h);
    const done = (await reach(h, 'flow-done')) as Extract<SessionView, { step: 'flow-done' }>;
    expect(done).toMatchObject({ outcome: 'ended', messageKey: 'endorsement.notEligible.quota_reached' });
    expect(h.central!.payments()).toHaveLength(0);
  });

  it('ends as refund-pending, never as refunded, when central refuses the refund for good, and says so on the receipt and in the record', async () => {
    const h = await start();
    await toPayment(h);
    h.simulators.certificateUnit!.chipWriteFails();
    h.central!.injectFaults({ status: 409, code: 'conflict', path: /\/refund$/ });
    h.central!.payNow();
    await takePermit(h);
    const done = (await reach(h, 'flow-done')) as Extract<SessionView, { step: 'flow-done' }>;
    await expect.poll(() => h.journal.get(done.txnId)?.state).toBe('refundRefused');
    expect(h.sessions.view).toMatchObject({ outcome: 'refund-pending', messageKey: 'endorsement.failed.refundRefused' });
    expect(h.central!.payments(1)[0]?.status).toBe('paid');
    await expect.poll(() => records(h).map((r) => r.body.payload.outcome)).toEqual(['refund-refused']);
    expect(h.simulators.printer!.jobs).toHaveLength(1);
  });

  describe('the receipt prints in the language the citizen reads the screen in', () => {
    /** The printed receipt's text, element by element. */
    const receiptText = (h: Host) => JSON.stringify(h.simulators.printer!.jobs.at(-1)!.document);
    const title = (language: 'zh-CN' | 'zh-TW' | 'en') => textFor(language, 'receipt.kioskTitle')!;

    async function deliver(h: Host, switchTo?: 'zh-CN' | 'zh-TW' | 'en'): Promise<void> {
      await toPayment(h);
      if (switchTo) expect(await call(h, 'setLanguage', { language: switchTo })).toMatchObject({ ok: true, result: { step: 'pay' } });
      h.central!.payNow();
      await takePermit(h);
      await reach(h, 'flow-done');
      expect(h.simulators.printer!.jobs).toHaveLength(1);
    }

    it('the language the session started in (English)', async () => {
      const h = await start();
      // toPayment starts without a language: this one starts in English, then goes on as it does.
      expect(await call(h, 'startService', { service: 'hk-macau-endorsement', language: 'en' })).toMatchObject({ ok: true });
      await insertPermit(h);
      await reach(h, 'choose-endorsement');
      await call(h, 'chooseOption', { index: 1 });
      await reach(h, 'pay');
      h.central!.payNow();
      await takePermit(h);
      await reach(h, 'flow-done');
      expect(receiptText(h)).toContain(title('en'));
      expect(receiptText(h)).not.toContain(title('zh-CN'));
    });

    it('the language switched to during the session (Traditional Chinese), and the kiosk\'s own again for the next citizen', async () => {
      const h = await start();
      await deliver(h, 'zh-TW');
      expect(receiptText(h)).toContain(title('zh-TW'));
      expect(title('zh-TW')).not.toBe(title('zh-CN'));
      expect(await call(h, 'finishSession')).toMatchObject({ ok: true });
      expect(h.sessions.language).toBeUndefined();
      // With no session there is nobody to print for: refused.
      expect(await call(h, 'setLanguage', { language: 'en' })).toMatchObject({ ok: false });
      expect(await call(h, 'setLanguage', { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    });
  });
});

