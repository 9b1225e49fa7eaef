/**
 * `npm start`: the kiosk. Host in plain Node, simulators and the embedded central in simulator
 * mode, the UI served on loopback, and a window: Electron, else Chromium in kiosk app mode,
 * else none (the URL is printed for a browser of your choice).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../kiosk-config/load';
import { startHost } from '../host/host';
import { createLogger } from '../host/log';
import { ensureRendererBuilt } from './renderer-build';
import { buildShell } from './shell-build';
import { startUiServer } from '../host/ui-server';
import { chooseWindow, launchWindow } from './window-launcher';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const progress = (line: string) => process.stderr.write(`tongban: ${line}\n`);

async function main(): Promise<void> {
  const log = createLogger();
  const rendererDir = await ensureRendererBuilt(projectRoot, progress);
  const host = await startHost({ log });
  if (!host.configFile) progress(`no kiosk configuration in ${host.dataDir}: simulator mode with an embedded central simulator`);
  const ui = await startUiServer(host, rendererDir, Number(process.env.KIOSK_UI_PORT ?? host.config.ui.port));
  process.stdout.write(`Tongban kiosk UI: ${ui.url}\n`);

  const choice = chooseWindow(projectRoot);
  progress(`window: ${choice.mode} (${choice.why})`);
  if (choice.mode === 'electron') await buildShell(projectRoot);
  const window = launchWindow(choice, { url: ui.url, token: ui.token, dataDir: host.dataDir, projectRoot, log });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    progress(`${signal}: stopping`);
    window.stop();
    await ui.close();
    await host.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`tongban: the kiosk configuration is not usable.\n${error.message}\n`);
  } else {
    process.stderr.write(`tongban: could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
