/** Gallery: the ID card reissue from the keypad to the receipt, a typo, and central's refusal. */
import { testCards } from '../../simulators/id-reader/test-cards';
import { typeOnKeypad } from '../support/kiosk-screen';
import { gallery, servicesOffered, type Walk } from './gallery';

const RESIDENT = testCards.resident.text.idNumber;
const ELDERLY = testCards['resident-elderly'].text.idNumber;
const { walk } = gallery('id-reissue');

const choose = (w: Walk, choice: string) => w.page.locator(`[data-testid="choice"][data-choice="${choice}"]`).first().click();

async function toConfirm(w: Walk, idNumber: string): Promise<void> {
  w.host.central!.setAutoPay(false);
  await servicesOffered(w.page);
  await w.page.locator('button[data-service="id-reissue"]').click();
  await w.see('reissue-id-input', 'keypad');
  await typeOnKeypad(w.page, idNumber);
  await w.snap('typed');
  await w.page.getByTestId('key-confirm').click();
}

walk('happy', async (w) => {
  await toConfirm(w, RESIDENT);
  await w.see('reissue-confirm-identity', 'confirm-identity');
  await choose(w, 'its-me');
  await w.see('reissue-choose-reason', 'reason');
  await choose(w, 'lost');
  await w.see('reissue-choose-photo', 'photo');
  await choose(w, 'keep');
  await w.see('reissue-choose-delivery', 'delivery');
  await choose(w, 'this-kiosk');
  await w.see('pay');
  w.host.central!.payNow();
  await w.see('flow-done', 'done');
});

// Large text: the delivery choices a page at a time, with "more options" and "previous".
walk('elderly-delivery', async (w) => {
  await servicesOffered(w.page);
  await w.page.locator('button.text-size').click();
  await toConfirm(w, RESIDENT);
  await w.page.getByTestId('screen-reissue-confirm-identity').waitFor();
  await choose(w, 'its-me');
  await w.page.getByTestId('screen-reissue-choose-reason').waitFor();
  await choose(w, 'lost');
  await w.page.getByTestId('screen-reissue-choose-photo').waitFor();
  await choose(w, 'keep');
  await w.see('reissue-choose-delivery', 'delivery-page-1');
  await w.page.getByTestId('page-more').click();
  await w.page.locator('[data-choice="mail-registered-address"]').waitFor();
  await w.snap('delivery-page-2');
});

walk('typo', async (w) => {
  w.host.central!.setAutoPay(false);
  await servicesOffered(w.page);
  await w.page.locator('button[data-service="id-reissue"]').click();
  await w.page.getByTestId('screen-reissue-id-input').waitFor();
  await typeOnKeypad(w.page, `${RESIDENT.slice(0, 15)}${(Number(RESIDENT[15]) + 1) % 10}${RESIDENT.slice(16)}`);
  await w.page.getByTestId('input-message').waitFor();
  await w.snap('check-digit-wrong');
});

walk('in-progress', async (w) => {
  await toConfirm(w, ELDERLY);
  await w.page.getByTestId('screen-reissue-confirm-identity').waitFor();
  await choose(w, 'its-me');
  await w.page.getByTestId('screen-reissue-choose-reason').waitFor();
  await choose(w, 'lost');
  await w.see('flow-done', 'refused-in-progress');
});
