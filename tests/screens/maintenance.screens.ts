/**
 * Gallery: maintenance mode as field staff see it (the staff card, the PIN pad, a wrong PIN, then
 * every page of the desk with the devices reporting paper near end, an empty slot and a full
 * retain bin); the out-of-service screen of a kiosk whose configuration is wrong, and the
 * first-boot screen of a production terminal with none.
 */
import { expect } from 'vitest';
import { outOfServiceHost } from '../../main/host/out-of-service-host';
import { firstBootHost } from '../../main/host/provisioning/first-boot-host';
import { TEST_STAFF } from '../../simulators/central/test-registry-records';
import { layCard } from '../support/reader-hands';
import { gallery, type Walk } from './gallery';

const officer = TEST_STAFF[0]!;
const { walk } = gallery('maintenance');
const PAGES = ['status', 'magazine', 'retain-bin', 'printer', 'service', 'export'] as const;

async function typePin(w: Walk, pin: string): Promise<void> {
  for (const [i, key] of [...pin].entries()) {
    await w.page.locator(`[data-testid="key"][data-key="${key}"]`).click();
    await expect.poll(() => w.page.getByTestId('echo').innerText()).toBe('●'.repeat(i + 1));
  }
}

walk('desk', async (w) => {
  const { host, page } = w;
  await expect.poll(() => host.central!.requests.some((r) => r.path.endsWith('/staff') && r.status === 200), { timeout: 10_000 }).toBe(true);
  host.simulators.printer!.nearEnd();
  host.simulators.certificateUnit!.unloadMagazineSlot(30);
  host.simulators.certificateUnit!.fillRetainBin();
  await layCard(host, 'staff-officer');
  await w.see('maintenance-pin', 'pin');
  await typePin(w, '000000');
  await page.getByTestId('key-confirm').click();
  await page.getByTestId('input-message').waitFor();
  await w.snap('pin-wrong');
  await typePin(w, officer.pin);
  await page.getByTestId('key-confirm').click();
  await page.getByTestId('screen-maintenance-open').waitFor();
  for (const name of PAGES) {
    await page.locator(`[data-testid="desk-tab"][data-page="${name}"]`).click();
    await expect.poll(() => page.getByTestId('screen-maintenance-open').getAttribute('data-page')).toBe(name);
    await expect.poll(() => page.getByTestId('screen-maintenance-open').getAttribute('aria-busy'), { timeout: 15_000 }).toBeNull();
    await w.snap(`page-${name}`);
  }
});

walk(
  'out-of-service',
  async ({ page, snap }) => {
    await expect.poll(() => page.locator('button.service').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await snap('out-of-service');
  },
  { served: (_dataDir, log) => outOfServiceHost('the configuration file names no kiosk id', log) },
);

walk(
  'first-boot',
  async ({ page, snap }) => {
    await page.locator('[data-testid="screen-provisioning"][data-stage="enter"]').waitFor();
    await snap('entry');
    for (const key of 'GD-GZ-0001') await page.locator(`[data-testid="key"][data-key="${key}"]`).click();
    await expect.poll(() => page.getByTestId('echo').innerText()).toContain('GD-GZ-0001');
    await snap('kiosk-id-typed');
  },
  { served: (dataDir, log) => firstBootHost({ dataDir, centralUrl: null, log, onFinished: () => {} }) },
);
