/** Gallery: the certificate reprint printed, chosen among several applications, none found, and paper out. */
import { testCards } from '../../simulators/id-reader/test-cards';
import { reissueAppliedElsewhere } from '../support/applied-elsewhere';
import { typeOnKeypad } from '../support/kiosk-screen';
import { gallery, servicesOffered, type Walk } from './gallery';

const RESIDENT = testCards.resident.text.idNumber;
const { walk } = gallery('certificate-reprint');

async function typeNumber(w: Walk): Promise<void> {
  await servicesOffered(w.page);
  await w.page.locator('button[data-service="certificate-reprint"]').click();
  await w.see('reissue-id-input', 'keypad');
  await typeOnKeypad(w.page, RESIDENT);
  await w.snap('typed');
  await w.page.getByTestId('key-confirm').click();
}

walk('printed', async (w) => {
  reissueAppliedElsewhere(w.host.central!, RESIDENT, 'GD-ZH-0002-20261120-77', '2026-11-20T02:00:00.000Z');
  await typeNumber(w);
  await w.page.locator('[data-testid="screen-reprint-done"][data-outcome="printed"]').waitFor({ timeout: 20_000 });
  await w.snap('printed');
});

walk('several', async (w) => {
  reissueAppliedElsewhere(w.host.central!, RESIDENT, 'GD-ZH-0002-20261120-77', '2026-11-20T02:00:00.000Z');
  reissueAppliedElsewhere(w.host.central!, RESIDENT, 'GD-SZ-0003-20261102-12', '2026-11-02T02:00:00.000Z');
  await typeNumber(w);
  await w.see('reprint-choose-application', 'choose-application');
});

walk('no-application', async (w) => {
  await typeNumber(w);
  await w.see('reprint-done', 'no-application');
});

walk('paper-out', async (w) => {
  reissueAppliedElsewhere(w.host.central!, RESIDENT, 'GD-ZH-0002-20261120-77', '2026-11-20T02:00:00.000Z');
  w.host.simulators.printer!.paperOutAfter(1500);
  await typeNumber(w);
  await w.page.locator('[data-testid="screen-reprint-done"][data-outcome="not-printed"]').waitFor({ timeout: 20_000 });
  await w.snap('paper-out');
});
