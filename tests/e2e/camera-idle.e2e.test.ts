/**
 * A camera that dies while the kiosk waits for the next citizen, with the real host (simulator
 * mode, the screen's camera step as `npm start` wires it) and Chromium's fake camera: the attract
 * screen's periodic camera check (camera-status.ts, every devices.cameraCheckS while idle; 5 s here) notices it, the host
 * takes the services that need the camera away (endorsement, ID reissue, certificate pickup) and
 * keeps the progress query; once the camera works again, the next check brings them back.
 * Screenshots: test-results/camera-idle/.
 */
import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { showScene } from '../../simulators/camera/scene-files';
import { CAMERA_WATCH } from '../../renderer/src/camera/camera-status';
import { kioskScreens } from '../support/kiosk-screen';

const liveFile = join(mkdtempSync(join(tmpdir(), 'camera-idle-')), 'camera.y4m');
const screens = kioskScreens('camera-idle', { fakeCamera: () => showScene(liveFile, 'cooperative') });

const NEEDS_CAMERA = ['hk-macau-endorsement', 'id-reissue', 'certificate-pickup', 'certificate-reprint'] as const;
/** The services the attract screen shows as offered (aria-disabled marks the others). */
const shownOffered = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll<HTMLElement>('button[data-service]')].filter((b) => b.getAttribute('aria-disabled') !== 'true').map((b) => b.dataset.service).sort());
/** The services the host offers (what the screen shows; after a while idle, the attract loop covers the buttons). */
const offered = async (host: Host) => {
  const answer = (await host.api.handle({ kind: 'request', id: 1, command: 'getKiosk', args: {} })) as { result: { services: Array<{ id: string; available: boolean }> } };
  return answer.result.services
    .filter((service) => service.available)
    .map((service) => service.id)
    .sort();
};
/** One idle check period and the check itself (first picture, a few frames), with room for a loaded machine. */
const CHECK_S = 5;
const WITHIN_A_CHECK = CHECK_S * 1000 + CAMERA_WATCH.firstFrameMs + 15_000;

describe('camera dying while the kiosk is idle', { timeout: 180_000 }, () => {
  it('the idle check notices the dead camera, the services needing it are taken away, and come back with the camera', async () => {
    const host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'camera-idle-kiosk-')),
      config: simulatorConfig({ sync: { intervalMs: 200, heartbeatIntervalS: 3600 }, devices: { cameraCheckS: CHECK_S } }),
      log: pino({ level: 'silent' }),
    });
    const page = await screens.open(host);
    // The page's first check finds the camera: every service is offered.
    await expect.poll(() => offered(host), { timeout: 30_000, interval: 200 }).toEqual(['certificate-pickup', 'certificate-reprint', 'hk-macau-endorsement', 'id-reissue', 'progress-query']);
    await expect.poll(() => shownOffered(page), { timeout: 10_000, interval: 200 }).toHaveLength(5);
    const cameraInHeartbeat = async () => {
      await host.heartbeat.beatOnce();
      return (host.central!.store.lastHeartbeat('GD-GZ-0001') as { devices: { camera: unknown } } | undefined)?.devices.camera;
    };
    expect(await cameraInHeartbeat()).toMatchObject({ status: 'online' });

    // The camera dies (the fake device cannot open its file any more); no plug event tells the page.
    renameSync(liveFile, `${liveFile}.dead`);
    try {
      await expect.poll(() => offered(host), { timeout: WITHIN_A_CHECK, interval: 500 }).toEqual(['progress-query']);
      expect(await cameraInHeartbeat()).toMatchObject({ status: 'offline' });
      // A touch ends the attract loop, if it runs by now: the buttons show the services taken away.
      await page.mouse.click(540, 1800);
      await expect.poll(() => shownOffered(page), { timeout: 10_000, interval: 200 }).toEqual(['progress-query']);
      for (const service of NEEDS_CAMERA) expect(await page.locator(`button[data-service="${service}"]`).getAttribute('aria-disabled')).toBe('true');
      await screens.shot(page, 'attract-camera-dead');
    } finally {
      renameSync(`${liveFile}.dead`, liveFile);
    }
    await expect.poll(() => offered(host), { timeout: WITHIN_A_CHECK, interval: 500 }).toHaveLength(5);
    expect(await cameraInHeartbeat()).toMatchObject({ status: 'online' });
    await page.mouse.click(540, 1800);
    await expect.poll(() => shownOffered(page), { timeout: 10_000, interval: 200 }).toHaveLength(5);
    await screens.shot(page, 'attract-camera-back');
  });
});
