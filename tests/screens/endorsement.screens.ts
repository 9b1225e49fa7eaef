/** Gallery: the HK/Macau endorsement, its happy path and the failure states the simulators give. */
import { expect } from 'vitest';
import { TEST_PERMITS } from '../../simulators/certificate-unit/test-data';
import { gallery, servicesOffered, type Walk } from './gallery';

const { walk } = gallery('endorsement');

/** The citizen puts the permit in when the slot opens. */
async function start({ page, host, see }: Walk): Promise<void> {
  host.central!.setAutoPay(false);
  await servicesOffered(page);
  await page.locator('button[data-service="hk-macau-endorsement"]').click();
  await see('insert-permit');
  await expect.poll(() => host.simulators.certificateUnit!.state.entryEnabled, { timeout: 10_000 }).toBe(true);
  host.simulators.certificateUnit!.insertCard(TEST_PERMITS[0]!);
}

async function takePermit({ host }: Walk): Promise<void> {
  const unit = host.simulators.certificateUnit!;
  await expect.poll(() => unit.state.location === 'gate' && !unit.state.entryEnabled, { timeout: 15_000 }).toBe(true);
  unit.takeCardFromGate();
}

walk('happy', async (w) => {
  await start(w);
  await w.see('choose-endorsement');
  await w.page.getByTestId('endorsement-option').nth(0).click();
  await w.see('pay');
  w.host.central!.payNow();
  await w.see('take-permit');
  await takePermit(w);
  await w.see('flow-done', 'done');
});

walk('jammed', async (w) => {
  await start(w);
  w.host.simulators.certificateUnit!.jam();
  await w.see('flow-done', 'jammed');
});

walk('chip-unreadable', async (w) => {
  w.host.simulators.certificateUnit!.chipDead();
  await start(w);
  await w.see('take-permit');
  await takePermit(w);
  await w.see('flow-done', 'chip-unreadable');
});

walk('identity-refused', async (w) => {
  w.host.central!.setIdentityResult('face_mismatch');
  await start(w);
  await takePermit(w);
  await w.see('flow-done', 'identity-refused');
});
