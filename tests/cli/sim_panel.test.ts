import { randomBytes, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CertificateUnitDriver } from '../../drivers/certificate-unit/driver';
import { IdReaderDriver } from '../../drivers/id-reader/driver';
import { PrinterDriver } from '../../drivers/printer/driver';
import { openSerialPipe } from '../../drivers/transport/serial-port-pipe';
import { testReceipt } from '../../main/cli/devices/printer';
import { type PanelServer, startSimulatorPanel } from '../../main/cli/sim-panel/server';
import { type RunningSimulators, startSimulators } from '../../main/cli/sim-up';
import { CentralApi, enrollKiosk } from '../../main/host/central/central-api';
import { CentralClient } from '../../main/host/sync/central-client';
import { CentralSimulator } from '../../simulators/central/server';
import { simulatedIdReaderOpener } from '../../simulators/id-reader/simulated-opener';
import { IdReaderSimulator } from '../../simulators/id-reader/simulator';
import { testCards } from '../../simulators/id-reader/test-cards';
import { launchChromium } from '../support/chromium';

let running: RunningSimulators | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function post(path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(`${running!.ports.panel}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function state(): Promise<Record<string, Record<string, unknown>>> {
  return (await (await fetch(`${running!.ports.panel}api/state`)).json()) as Record<string, Record<string, unknown>>;
}

describe('sim up technician panel', () => {
  it('drives all three simulators and shows the prints the kiosk side made', async () => {
    running = await startSimulators({ card: null });
    const { ports } = running;

    // ID reader: empty, then a card put on through the panel, then a one-shot fault.
    const reader = new IdReaderDriver(() => openSerialPipe({ path: ports['id-reader'] }));
    expect(await reader.readCard()).toMatchObject({ ok: false, reason: 'no-card' });
    expect((await post('api/id-reader', { action: 'place', card: 'foreign-2017' })).status).toBe(200);
    const read = await reader.readCard();
    expect(read.ok && read.value.nameEn).toBe('TESTER, SAMPLE');
    expect((await post('api/id-reader', { action: 'result-code', sw3: 0x60, replies: 1 })).body).toMatchObject({ ok: true });
    expect(await reader.samId()).toMatchObject({ ok: false, reason: 'sam-error', sw3: 0x60 });
    expect((await reader.samId()).ok).toBe(true);
    await post('api/id-reader', { action: 'unplug' });
    expect((await state()).idReader).toMatchObject({ connected: false, card: 'foreign-2017' });
    await post('api/id-reader', { action: 'plug' });
    expect((await reader.findCard()).ok).toBe(true);
    await reader.close();

    // Printer: a receipt printed on the kiosk side shows up with its text and SVG rendering.
    const printer = new PrinterDriver(() => openSerialPipe({ path: ports.printer }), { statusTimeoutMs: 500 });
    expect(await printer.print(testReceipt(new Date('2024-05-01T00:00:00Z')))).toMatchObject({ ok: true });
    const jobs = (await state()).printer!.jobs as Array<{ text: string; svg: string; complete: boolean }>;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.complete).toBe(true);
    expect(jobs[0]!.text).toContain('通办 自助终端 测试页');
    expect(jobs[0]!.svg).toMatch(/^<svg/);
    await post('api/printer', { action: 'paper', level: 'out' });
    await post('api/printer', { action: 'cover', open: true });
    expect(await printer.getStatus()).toMatchObject({ paper: 'out', coverOpen: true });
    await printer.close();

    // Certificate unit: retain bin full is what the unit reports.
    await post('api/certificate-unit', { action: 'retain-bin-full' });
    const unit = new CertificateUnitDriver(() => openSerialPipe({ path: ports['certificate-unit'] }), 0);
    expect(await unit.getStatus()).toMatchObject({ retainBin: 'full' });
    await unit.close();
    expect((await state()).certificateUnit).toMatchObject({ retainCount: 50, retainCapacity: 50 });
    // Insertion is not enabled, so the gate refuses the permit.
    expect(await post('api/certificate-unit', { action: 'insert', permit: 0 })).toMatchObject({ status: 409, body: { ok: false } });
  });

  it('rejects malformed actions, non-JSON posts and foreign Host headers', async () => {
    running = await startSimulators();
    expect((await post('api/id-reader', { action: 'place', card: 'passport' })).status).toBe(400);
    expect((await post('api/printer', { action: 'paper', level: 'half' })).status).toBe(400);
    expect((await post('api/id-reader', { action: 'remove' }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('api/nothing', {})).status).toBe(404);
    // fetch cannot set Host; a raw request can, as a DNS-rebinding page's would arrive.
    const port = Number(new URL(running.ports.panel).port);
    const foreign = await new Promise<number | undefined>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/state', headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(foreign).toBe(403);
    const script = await fetch(`${running.ports.panel}panel.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toContain("fetch('/api/state')");
  });
});

describe('simulator panel for a kiosk in simulator mode (in-process simulators + embedded central)', () => {
  const secret = randomBytes(32).toString('base64');
  let panel: PanelServer | undefined;
  let central: CentralSimulator | undefined;
  afterEach(async () => {
    await panel?.close();
    await central?.stop();
    panel = undefined;
    central = undefined;
  });

  async function startWithCentral(): Promise<{ api: CentralApi; call: (body: unknown) => Promise<{ status: number; body: Record<string, unknown> }> }> {
    central = new CentralSimulator({ dbFile: ':memory:', secrets: { 'GD-GZ-0001': secret }, settings: { autoPay: false } });
    await central.start();
    panel = await startSimulatorPanel({ idReader: new IdReaderSimulator(undefined, { card: null }), central });
    const api = new CentralApi(new CentralClient({ baseUrl: central.baseUrl, kioskId: 'GD-GZ-0001', secret }));
    const call = async (body: unknown) => {
      const response = await fetch(`${panel!.url}api/central`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    return { api, call };
  }

  const order = { sessionId: randomUUID(), amountFen: 1500, description: '港澳签注', method: 'qr' } as const;
  const resident = testCards.resident.text;

  it('drives the simulated payer, the link and the verdicts, and shows only what runs here', async () => {
    const { api, call } = await startWithCentral();
    const state = (await (await fetch(`${panel!.url}api/state`)).json()) as Record<string, Record<string, unknown>>;
    expect(Object.keys(state).sort()).toEqual(['central', 'idReader', 'ports']);
    expect(state.ports).toEqual({ central: central!.baseUrl });
    expect((await fetch(`${panel!.url}api/printer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"reset"}' })).status).toBe(404);

    const created = await api.createPayment(order, randomUUID());
    const paymentId = created.ok ? created.value.paymentId : '';
    expect(await call({ action: 'pay' })).toEqual({ status: 200, body: { ok: true, message: `payment ${paymentId} paid` } });
    expect(await api.getPayment(paymentId)).toMatchObject({ ok: true, value: { status: 'paid' } });
    expect(await call({ action: 'pay' })).toMatchObject({ status: 409, body: { ok: false, message: 'no payment is waiting' } });
    await api.createPayment(order, randomUUID());
    expect((await call({ action: 'refuse' })).body.ok).toBe(true);
    await api.createPayment(order, randomUUID());
    expect((await call({ action: 'expire' })).body.ok).toBe(true);
    const shown = ((await (await fetch(`${panel!.url}api/state`)).json()) as { central: { payments: Array<{ status: string }> } }).central.payments;
    expect(shown.map((p) => p.status)).toEqual(['expired', 'cancelled', 'paid']);

    await call({ action: 'not-eligible', reason: 'exit_restricted' });
    expect(await api.endorsementEligibility({ sessionId: randomUUID(), permitNumber: 'CT0000001', idNumber: resident.idNumber })).toMatchObject({
      ok: true,
      value: { notEligibleReason: 'exit_restricted' },
    });
    await call({ action: 'not-eligible', reason: null });
    await call({ action: 'identity-result', result: 'no_record' });
    expect(central!.settings).toMatchObject({ notEligibleReason: null, identityResult: 'no_record' });
    await call({ action: 'auto-pay', on: true, afterMs: 1000 });
    await call({ action: 'delay', ms: 250 });
    expect(central!.settings).toMatchObject({ autoPay: true, autoPayAfterMs: 1000, delayMs: 250 });

    await call({ action: 'offline', on: true });
    expect(await api.getPayment(paymentId)).toMatchObject({ ok: false, kind: 'unreachable' });
    await call({ action: 'offline', on: false });

    const code = /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(String((await call({ action: 'enrollment-code' })).body.message))?.[0] ?? '';
    expect(await enrollKiosk({ baseUrl: central!.baseUrl }, { enrollmentCode: code, kioskId: 'GD-GZ-0002', softwareVersion: '1.0.0', hardware: {} })).toMatchObject({ ok: true });
    expect((await call({ action: 'identity-result', result: 'maybe' })).status).toBe(400);
  });

  it('unplugs an in-process reader by cutting its link; the kiosk plugs it back in by reconnecting', async () => {
    central = new CentralSimulator({ dbFile: ':memory:', secrets: {} });
    await central.start();
    const reader = new IdReaderSimulator(undefined, { card: 'resident' });
    const driver = new IdReaderDriver(simulatedIdReaderOpener(reader));
    panel = await startSimulatorPanel({ idReader: reader, central });
    const post = (body: unknown) =>
      fetch(`${panel!.url}api/id-reader`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await driver.readCard()).ok).toBe(true);
    expect(reader.state.connected).toBe(true);
    expect((await post({ action: 'unplug' })).status).toBe(200);
    expect(reader.state.connected).toBe(false);
    expect((await post({ action: 'plug' })).status).toBe(409);
    await expect.poll(async () => (await driver.readCard()).ok).toBe(true);
    expect(reader.state.connected).toBe(true);
    await driver.close();
  });

  it('its page hides the devices that are not simulated and its buttons reach central', async () => {
    const { api } = await startWithCentral();
    const created = await api.createPayment(order, randomUUID());
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(panel!.url);
      await page.locator('#central-state').filter({ hasText: 'baseUrl' }).waitFor();
      expect(await page.locator('#printer').isHidden()).toBe(true);
      expect(await page.locator('#central').isVisible()).toBe(true);
      await page.locator('#central button', { hasText: 'Pay now' }).click();
      await page.locator('#message', { hasText: 'paid' }).waitFor();
      expect(created.ok && central!.payment(created.value.paymentId)?.status).toBe('paid');
      await page.selectOption('#central-identity', 'face_mismatch');
      await page.locator('#central-identity + button').click();
      await page.locator('#message', { hasText: 'face_mismatch' }).waitFor();
      expect(central!.settings.identityResult).toBe('face_mismatch');
      await page.selectOption('#central-identity', '');
      await page.locator('#central-identity + button').click();
      await page.locator('#message', { hasText: 'identity from the test registry' }).waitFor();
      expect(central!.settings.identityResult).toBeNull();
    } finally {
      await browser.close();
    }
  });
});
