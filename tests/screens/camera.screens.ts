/**
 * Gallery: the screen's own camera step (no simulated camera port) in the HK/Macau endorsement,
 * with Chromium's fake camera playing a simulator scene: the liveness prompt for a citizen who
 * does not move, and the guidance a citizen gets when too far, with two faces in view or
 * wearing sunglasses.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { TEST_PERMITS } from '../../simulators/certificate-unit/test-data';
import { showScene } from '../../simulators/camera/scene-files';
import type { CameraScene } from '../../simulators/camera/scenes';
import { gallery, servicesOffered, type Walk } from './gallery';

const liveFile = join(mkdtempSync(join(tmpdir(), 'screens-camera-')), 'camera.y4m');
const { walk } = gallery('camera', { fakeCamera: () => showScene(liveFile, 'cooperative') });

/** To the camera step with this scene before the camera: the permit goes in, the page opens its camera. */
async function toCamera(w: Walk, scene: CameraScene): Promise<void> {
  showScene(liveFile, scene);
  await servicesOffered(w.page, 5, 30_000);
  await w.page.locator('button[data-service="hk-macau-endorsement"]').click();
  const unit = w.host.simulators.certificateUnit!;
  await expect.poll(() => unit.state.entryEnabled, { timeout: 10_000 }).toBe(true);
  unit.insertCard(TEST_PERMITS[0]!);
  await w.page.getByTestId('camera-step').waitFor({ timeout: 20_000 });
}

const screenCamera = { host: { camera: undefined } };

// A citizen who does not move: the liveness prompt stays on the screen (a cooperative one passes it at once).
walk(
  'liveness-prompt',
  async (w) => {
    await toCamera(w, 'motionless');
    await w.snap('camera-opened');
    await expect.poll(() => w.page.getByTestId('camera-instruction').getAttribute('data-kind', { timeout: 2_000 }).catch(() => null), { timeout: 60_000, interval: 100 }).toMatch(/^prompt-/);
    await w.snap('liveness-prompt');
  },
  screenCamera,
);

/** Each scene and the guidance the step gives for it. */
const GUIDED = { 'too-far': 'comeCloser', 'two-faces': 'oneFaceOnly', sunglasses: 'uncover' } as const;
for (const [scene, guidance] of Object.entries(GUIDED) as [keyof typeof GUIDED, string][]) {
  walk(
    scene,
    async (w) => {
      await toCamera(w, scene);
      await expect.poll(() => w.page.getByTestId('camera-instruction').getAttribute('data-kind'), { timeout: 60_000, interval: 200 }).toBe(guidance);
      await w.snap(`guidance-${scene}`);
    },
    screenCamera,
  );
}
