/**
 * Chromium features the kiosk turns off, in both of its windows: the Chromium app window of
 * browser mode (window-launcher.ts) and the Electron shell (shell/app-guard.ts). The test and
 * bench pages run with the same list (tests/support/chromium.ts), so what they measure is what a
 * terminal runs.
 *
 * - DeferRendererTasksAfterInput: after a touch, Chromium holds the page's other tasks back until
 *   it has drawn a frame, so that the pressed button shows first. Every screen of the kiosk is the
 *   host's answer to a touch, over the page's WebSocket, and it comes back in 2 to 3 ms; held back,
 *   it waited for that frame and was drawn only in the one after (median 8 ms from the host's send
 *   to the page's handler instead of 0.6; touch to next screen painted, median 30 ms instead of 14,
 *   unthrottled, ui-touch bench). Without it the new screen is drawn in the first frame after the touch.
 * - Translate: no translation offer over a screen that is already in the citizen's language.
 */
export const CHROMIUM_FEATURES_OFF: readonly string[] = ['DeferRendererTasksAfterInput', 'Translate', 'TranslateUI'];

/** The command-line switch for CHROMIUM_FEATURES_OFF. */
export const disableFeaturesArg = (): string => `--disable-features=${CHROMIUM_FEATURES_OFF.join(',')}`;
