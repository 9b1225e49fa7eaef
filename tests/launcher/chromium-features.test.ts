/**
 * The kiosk's browser-mode window and the test/bench pages run Chromium with the kiosk's list of
 * features turned off (main/launcher/chromium-features.ts), in one `--disable-features` switch:
 * Chromium keeps only the last one given, so a second would silently drop the first.
 */
import { describe, expect, it } from 'vitest';
import { chromiumKioskArgs } from '../../main/launcher/window-launcher';

describe('the Chromium features the kiosk turns off', () => {
  it('are one --disable-features switch of the kiosk window, with the deferral of tasks after a touch among them', () => {
    const args = chromiumKioskArgs('http://127.0.0.1:8080/#token=t', '/tmp/profile', false);
    const disabled = args.filter((arg) => arg.startsWith('--disable-features='));
    expect(disabled).toHaveLength(1);
    expect(disabled[0]!.slice('--disable-features='.length).split(',')).toEqual(expect.arrayContaining(['DeferRendererTasksAfterInput', 'Translate', 'TranslateUI']));
  });
});
