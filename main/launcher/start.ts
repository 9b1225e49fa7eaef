/**
 * `npm start`: the kiosk. Host in plain Node, simulators and the embedded central in simulator
 * mode, the UI served on loopback, and a window: Electron, else Chromium in kiosk app mode,
 * else none (the URL is printed for a browser of your choice).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, resolveDataDir } from '../../kiosk-config/load';
import { runKiosk } from '../host/kiosk-runtime';
import { createLogger } from '../host/log';
import { ensureRendererBuilt } from './renderer-build';
import { buildShell } from './shell-build';
import { fakeCameraFile } from '../host/camera/fake-camera';
import { chooseWindow, launchWindow } from './window-launcher';
import { startPhase } from '../host/start-timing';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const progress = (line: string) => process.stderr.write(`tongban: ${line}\n`);

async function main(): Promise<void> {
  startPhase('launcher: modules loaded');
  const log = createLogger();
  const rendererDir = await ensureRendererBuilt(projectRoot, progress);
  startPhase('launcher: renderer build checked');
  const kiosk = await runKiosk({
    rendererDir,
    port: process.env.KIOSK_UI_PORT ? Number(process.env.KIOSK_UI_PORT) : undefined,
    log,
    simulatorTools: true,
    onProblem: (message) => progress(`the kiosk cannot serve, so it shows "out of service":\n${message}`),
  });
  const dataDir = kiosk.host?.dataDir ?? resolveDataDir();
  if (kiosk.host && !kiosk.host.configFile) progress(`no kiosk configuration in ${dataDir}: simulator mode with an embedded central simulator`);
  process.stdout.write(`Tongban kiosk UI: ${kiosk.url}\n`);
  startPhase('launcher: URL printed');
  if (kiosk.panelUrl) process.stdout.write(`Technician panel (simulated citizen, devices, central): ${kiosk.panelUrl}\n`);

  const choice = chooseWindow(projectRoot);
  progress(`window: ${choice.mode} (${choice.why})`);
  if (choice.mode === 'electron') await buildShell(projectRoot);
  // Simulator mode: the window's camera is Chromium's fake one, playing the cooperative citizen
  // (the technician panel switches scenes). Made on first use: about ten seconds.
  const fakeCamera = kiosk.host?.config.mode === 'simulator' ? fakeCameraFile(dataDir) : undefined;
  if (fakeCamera) progress(`camera: Chromium's fake camera playing ${fakeCamera}`);
  const window = launchWindow(choice, { url: kiosk.url, token: kiosk.token, dataDir, projectRoot, log, fakeCamera });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    progress(`${signal}: stopping`);
    window.stop();
    await kiosk.stop();
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
