/**
 * The host entry of the packaged kiosk, run by the shell as an Electron utility process
 * (bundled into dist/host/host.cjs by main/launcher/shell-build.ts). It is the same composition root
 * as `npm start`: host plus loopback UI server, which carries the API socket the shell relays to
 * and keeps the browser-mode page reachable on loopback for diagnosis.
 */
import { join } from 'node:path';
import { runKiosk } from '../host/kiosk-runtime';
import { createLogger } from '../host/log';
import { exitOnUnhandledRejection, type ParentPortLike, serveHostToShell } from './host-announce';

function main(): void {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (!parentPort) {
    process.stderr.write('tongban host: run by the kiosk shell (utility process), not directly\n');
    process.exit(2);
  }
  const log = createLogger();
  exitOnUnhandledRejection(process, log, (code) => process.exit(code));
  const rendererDir = join(__dirname, '..', 'renderer');
  serveHostToShell(parentPort, {
    async start() {
      // The packaged kiosk never falls back to simulators: no configuration file means the screen
      // says "out of service" and the log says what is missing.
      const kiosk = await runKiosk({
        rendererDir,
        port: process.env.KIOSK_UI_PORT ? Number(process.env.KIOSK_UI_PORT) : undefined,
        log,
        requireConfigFile: true,
      });
      // systemd stops the whole service at once: finish journal writes on SIGTERM too.
      process.once('SIGTERM', () => {
        void kiosk.stop().finally(() => process.exit(0));
      });
      return {
        origin: new URL(kiosk.url).origin,
        token: kiosk.token,
        stop: () => kiosk.stop(),
      };
    },
    exit: (code) => process.exit(code),
  }).catch((error: unknown) => {
    log.error({ err: error }, 'host could not start');
    // A non-zero exit lets the shell's supervisor restart it with backoff.
    process.exit(1);
  });
}

main();
