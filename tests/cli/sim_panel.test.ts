import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CertificateUnitDriver } from '../../drivers/certificate-unit/driver';
import { IdReaderDriver } from '../../drivers/id-reader/driver';
import { PrinterDriver } from '../../drivers/printer/driver';
import { openSerialPipe } from '../../drivers/transport/serial-port-pipe';
import { testReceipt } from '../../main/cli/devices/printer';
import { type RunningSimulators, startSimulators } from '../../main/cli/sim-up';

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
