import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { disableFeaturesArg } from '../../main/launcher/chromium-features';
import { fakeCameraArgs } from '../../main/launcher/window-launcher';

/** Debian's Chromium (Playwright gives it a fresh temporary profile): Playwright cannot download its own browser here. */
export function chromiumPath(): string {
  const found = [process.env.KIOSK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  if (!found) throw new Error('Chromium is not installed: run `apt-get install -y chromium` (npm test does this as root)');
  return found;
}

export interface ChromiumOptions {
  /**
   * A y4m video for Chromium's fake camera (simulators/camera/scene-files.ts): the page's
   * getUserMedia plays it in a loop, and is granted without asking. Chromium opens the file again
   * at each getUserMedia, so replacing it (showScene) changes the scene for the next camera step.
   */
  readonly fakeCamera?: string;
  /** V8 flags for the pages (`--js-flags`), for experiments: e.g. `--max-opt=1` turns off V8's optimizing compilers. */
  readonly jsFlags?: string;
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      ...(options.fakeCamera ? fakeCameraArgs(options.fakeCamera) : []),
      ...(options.jsFlags ? [`--js-flags=${options.jsFlags}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The kiosk's own list (a scheduling feature among them), so tests and benches run the page as a terminal does.
      disableFeaturesArg(),
    ],
  });
}
