/** Gallery: the attract screen and the progress query, found, not found and its failures. */
import { testCards } from '../../simulators/id-reader/test-cards';
import { typeOnKeypad } from '../support/kiosk-screen';
import { gallery, servicesOffered, type Walk } from './gallery';

const ELDERLY_APPLICATION = 'GD-GZ-0001-20260112-5';
const ELDERLY_LAST4 = testCards['resident-elderly'].text.idNumber.slice(-4);
const { walk } = gallery('progress-query');

async function byNumber({ page, see, snap }: Walk, applicationNo: string, last4: string): Promise<void> {
  await page.locator('button[data-service="progress-query"]').click();
  await see('query-choose-method', 'choose-method');
  await page.getByTestId('method-application-no').click();
  await see('query-input', 'application-no-empty');
  await typeOnKeypad(page, applicationNo);
  await snap('application-no-typed');
  await page.getByTestId('key-confirm').click();
  await page.locator('[data-testid="screen-query-input"][data-field="idNumberLast4"]').waitFor();
  await typeOnKeypad(page, last4);
  await snap('last4-typed');
  await page.getByTestId('key-confirm').click();
}

walk('attract', async ({ page, snap }) => {
  await servicesOffered(page);
  await snap('attract');
  await page.locator('button.text-size').click();
  await snap('attract-large-text');
});

walk('by-id-card', async ({ page, host, see }) => {
  await servicesOffered(page);
  await page.locator('button[data-service="progress-query"]').click();
  await see('query-choose-method', 'choose-method');
  // The card not on the reader yet: the screen shows where it goes.
  host.simulators.idReader!.removeCard();
  await page.getByTestId('method-id-card').click();
  await see('insert-id-card', 'place-card');
  host.simulators.idReader!.placeCard('resident');
  await see('query-results', 'results');
});

walk('by-number', async (w) => {
  await servicesOffered(w.page);
  await byNumber(w, ELDERLY_APPLICATION, ELDERLY_LAST4);
  await w.see('query-results', 'results');
});

walk('typos', async ({ page, see, snap }) => {
  await servicesOffered(page);
  await page.locator('button[data-service="progress-query"]').click();
  await page.getByTestId('method-application-no').click();
  await see('query-input', 'application-no-empty');
  await typeOnKeypad(page, 'GD-GZ-0001-20261340-5');
  await page.getByTestId('key-confirm').click();
  await page.getByTestId('input-message').waitFor();
  await snap('bad-application-no');
});

walk('not-found', async (w) => {
  await servicesOffered(w.page);
  await byNumber(w, ELDERLY_APPLICATION, '0000');
  await w.see('query-failed', 'not-found');
});

walk('central-down', async (w) => {
  await servicesOffered(w.page);
  w.host.central!.setOffline(true);
  await byNumber(w, ELDERLY_APPLICATION, ELDERLY_LAST4);
  await w.see('query-failed', 'central-unreachable');
});

walk('reader-out', async ({ page, host, see, snap }) => {
  await servicesOffered(page);
  await page.locator('button[data-service="progress-query"]').click();
  await page.getByTestId('screen-query-choose-method').waitFor();
  host.simulators.idReader!.injectFault({ kind: 'result-code', sw3: 0x60 });
  // The reader's failure shows when the card is asked for; once the host has noticed it, the ID card way is offered no more.
  const method = page.getByTestId('method-id-card');
  if ((await method.getAttribute('aria-disabled')) === 'true') return snap('id-card-way-unavailable');
  await method.click();
  await see('query-failed', 'reader-out');
});
