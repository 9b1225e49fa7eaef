/** Gallery: the certificate pickup by pickup code and ID number, and nothing waiting. */
import { expect } from 'vitest';
import { testCards } from '../../simulators/id-reader/test-cards';
import { typeOnKeypad } from '../support/kiosk-screen';
import { gallery, servicesOffered, type Walk } from './gallery';

const HOLDER = testCards['resident-elderly'].text.idNumber;
const OTHER = testCards.resident.text.idNumber;
const CODE = '824913';
const { walk } = gallery('certificate-pickup');

async function identify(w: Walk, idNumber: string, code?: string): Promise<void> {
  await servicesOffered(w.page);
  await w.page.locator('button[data-service="certificate-pickup"]').click();
  await w.see('pickup-choose-method', 'choose-method');
  if (code !== undefined) {
    await w.page.getByTestId('method-pickup-code').click();
    await w.see('pickup-input', 'code-empty');
    await typeOnKeypad(w.page, code);
    await w.snap('code-typed');
    await w.page.getByTestId('key-confirm').click();
    await w.page.locator('[data-testid="screen-pickup-input"][data-field="idNumber"]').waitFor();
  } else {
    await w.page.getByTestId('method-id-number').click();
    await w.page.getByTestId('screen-pickup-input').waitFor();
  }
  await typeOnKeypad(w.page, idNumber);
  await w.snap('id-number-typed');
  await w.page.getByTestId('key-confirm').click();
}

walk('by-code', async (w) => {
  await identify(w, HOLDER, CODE);
  await w.see('take-certificate');
  const unit = w.host.simulators.certificateUnit!;
  await expect.poll(() => unit.state.location, { timeout: 10_000 }).toBe('gate');
  unit.takeCardFromGate();
  await w.see('pickup-done', 'collected');
});

walk('nothing-waiting', async (w) => {
  await identify(w, OTHER);
  await w.see('pickup-done', 'nothing-waiting');
});
