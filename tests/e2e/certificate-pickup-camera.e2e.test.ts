/**
 * Certificate pickup with the screen's own camera step (no simulated camera port): Chromium's fake
 * camera plays the cooperative scene, the page finds the face and the blink, the still goes to
 * the host, central verifies it, and the certificate comes out of its slot. The one test of the
 * pickup's face step as the kiosk runs it; the other pickup tests stand a simulated port in.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { startHost } from '../../main/host/host';
import { showScene } from '../../simulators/camera/scene-files';
import { testCards } from '../../simulators/id-reader/test-cards';
import { kioskScreens, typeOnKeypad } from '../support/kiosk-screen';

const KIOSK = 'GD-GZ-0001';
const HOLDER = testCards['resident-elderly'].text.idNumber;
const screens = kioskScreens('certificate-pickup', { fakeCamera: () => showScene(join(mkdtempSync(join(tmpdir(), 'pickup-camera-')), 'camera.y4m'), 'cooperative') });

describe('certificate pickup with the screen camera in Chromium', { timeout: 180_000 }, () => {
  it('the face is taken by the page, verified by central, and the certificate handed over', async () => {
    const host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'pickup-camera-e2e-')), config: simulatorConfig({ sync: { intervalMs: 200, heartbeatIntervalS: 3600 } }), log: pino({ level: 'silent' }) });
    const p = await screens.open(host);
    // The service is offered once the page has found its camera and told the host.
    await expect.poll(() => p.locator('button.service[data-service="certificate-pickup"][aria-disabled="false"]').count(), { timeout: 30_000 }).toBe(1);
    await p.locator('button[data-service="certificate-pickup"]').click();
    await p.getByTestId('method-id-number').click();
    await screens.see(p, 'pickup-input');
    await typeOnKeypad(p, HOLDER);
    await p.getByTestId('key-confirm').click();
    await screens.see(p, 'take-certificate', 'camera-1-take');
    const unit = host.simulators.certificateUnit!;
    await expect.poll(() => unit.state.location, { timeout: 10_000 }).toBe('gate');
    unit.takeCardFromGate();
    await screens.see(p, 'pickup-done', 'camera-2-done');
    expect(await p.getByTestId('screen-pickup-done').getAttribute('data-outcome')).toBe('collected');
    // The still the page took went to central with the verification and before the record.
    expect(host.central!.requests.filter((r) => /\/identity\/verify$/.test(r.path) && r.status === 200)).toHaveLength(1);
    const txnId = (host.sessions.view as { txnId: string }).txnId;
    await expect.poll(() => host.central!.attachments.get(KIOSK, txnId, 'live.jpg')?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(1000);
  });
});
