/**
 * Each service as a first-time citizen walks it on the default cooperative simulators, by the
 * shortest path such a citizen would take (the README's walks): every touch goes through
 * `kiosk.tap`, typing on the keypad is one tap per key. A walk ends when the service's end screen
 * shows; `backToAttract` then touches its closing button (a citizen may also walk away: the end
 * screen times out), and `startAndCancel` is the shortest session of all.
 */
import { testCards } from '../../simulators/id-reader/test-cards';
import { attractReady, END_SCREEN, type UiKiosk, WalkEndedEarly } from './ui-kiosk';

export const SERVICES = ['hk-macau-endorsement', 'id-reissue', 'certificate-pickup', 'progress-query'] as const;
export type BenchService = (typeof SERVICES)[number];

/** 张测试, whose card lies on the simulated reader; he reissues his lost card. */
const REISSUE_ID = testCards.resident.text.idNumber;
/** 李样例, whose reissued card waits in the magazine's slot 1. */
const PICKUP_ID = testCards['resident-elderly'].text.idNumber;

async function typeOnKeypad(kiosk: UiKiosk, text: string): Promise<void> {
  for (const key of text) await kiosk.tap(kiosk.page.locator(`[data-testid="key"][data-key="${key}"]`), { keypad: true });
}

const startService = (kiosk: UiKiosk, service: BenchService) => kiosk.tap(kiosk.page.locator(`main.attract button.service[data-service="${service}"]`));
const choice = (kiosk: UiKiosk, name: string) => kiosk.tap(kiosk.page.locator(`[data-testid="choice"][data-choice="${name}"]`).first());

const WALKS: Record<BenchService, (kiosk: UiKiosk) => Promise<void>> = {
  /** Touch the service, the permit goes in (the simulated citizen), touch the first endorsement; pay, permit back. */
  async 'hk-macau-endorsement'(kiosk) {
    await startService(kiosk, 'hk-macau-endorsement');
    await kiosk.tap(kiosk.page.getByTestId('endorsement-option').first());
  },
  /** The ID number on the keypad, confirm, "it's me", lost, keep the photo, this kiosk; pay. */
  async 'id-reissue'(kiosk) {
    await startService(kiosk, 'id-reissue');
    await typeOnKeypad(kiosk, REISSUE_ID);
    await kiosk.tap(kiosk.page.getByTestId('key-confirm'));
    await choice(kiosk, 'its-me');
    await choice(kiosk, 'lost');
    await choice(kiosk, 'keep');
    await choice(kiosk, 'this-kiosk');
  },
  /** By ID number (the way that needs no receipt), confirm; the card comes out and is taken. */
  async 'certificate-pickup'(kiosk) {
    await startService(kiosk, 'certificate-pickup');
    await kiosk.tap(kiosk.page.getByTestId('method-id-number'));
    await typeOnKeypad(kiosk, PICKUP_ID);
    await kiosk.tap(kiosk.page.getByTestId('key-confirm'));
  },
  /** By the ID card on the reader: two touches to the answer. */
  async 'progress-query'(kiosk) {
    await startService(kiosk, 'progress-query');
    await kiosk.tap(kiosk.page.getByTestId('method-id-card'));
  },
};

export interface WalkEnd {
  /** The end screen's step and outcome (`flow-done/delivered`, `query-results`, ...). */
  readonly end: string;
  /** The service ended before the walk's last touch (a refusal: e.g. a second reissue for the same person). */
  readonly early: boolean;
}

/** Walks the service to its end screen and says which end it was. */
export async function walk(kiosk: UiKiosk, service: BenchService): Promise<WalkEnd> {
  let early = false;
  try {
    await WALKS[service](kiosk);
  } catch (error) {
    if (!(error instanceof WalkEndedEarly)) throw error;
    early = true;
  }
  await kiosk.untilEnd();
  const end = kiosk.page.locator(END_SCREEN);
  const [step, outcome] = await Promise.all([end.getAttribute('data-testid'), end.getAttribute('data-outcome')]);
  return { end: [step?.replace('screen-', ''), outcome].filter(Boolean).join('/'), early };
}

/**
 * From an end screen, its closing button (done, or back on a failure), to the attract screen. An
 * end screen may also close by itself (its time limit) before the touch: then nothing is touched.
 */
export async function backToAttract(kiosk: UiKiosk): Promise<void> {
  const attract = kiosk.page.locator('main.attract');
  const failed = await kiosk.page.locator('[data-testid="screen-query-failed"]').count();
  const closing = kiosk.page.locator(END_SCREEN).locator(`.actions button.${failed ? 'secondary' : 'primary'}`).first();
  if ((await attract.count()) === 0) {
    await kiosk.tap(closing, { timeout: 5_000 }).catch(async (error: unknown) => {
      if ((await attract.count()) === 0) throw error;
    });
  }
  await attractReady(kiosk.page);
}

/**
 * The shortest session: touch the service, then cancel on its first screen. With the simulated
 * citizen at 0 ms the endorsement's screen may move on (permit in) under the finger, so cancel is
 * touched until the session ends (untimed: it is no screen's answer to a touch); once the permit
 * is in, cancelling hands it back first and ends on the end screen, closed like any other.
 */
export async function startAndCancel(kiosk: UiKiosk, service: BenchService): Promise<void> {
  await startService(kiosk, service);
  const { page } = kiosk;
  const over = page.locator('main.attract').or(page.locator(END_SCREEN));
  const cancel = page.locator('main .actions button.secondary').first();
  const deadline = Date.now() + 60_000;
  while ((await over.count()) === 0) {
    if (Date.now() > deadline) throw new Error(`${service}: cancelling did not end the session within 60 s`);
    await cancel.click({ timeout: 2_000 }).catch(() => undefined);
  }
  if ((await page.locator(END_SCREEN).count()) > 0) await backToAttract(kiosk);
  await attractReady(page);
}
