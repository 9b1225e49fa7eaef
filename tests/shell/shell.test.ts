/**
 * The whole shell (main/shell/shell.ts) on the fake `electron`: what happens between the modules
 * tested one by one elsewhere, on the platform the kiosk runs on (cage, Wayland).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestMessage, ResponseMessage } from '../../main/api/contract';
import type { HostLink } from '../../main/shell/ipc-bridge';
import { KIOSK_ORIGIN, KIOSK_URL } from '../../main/shell/kiosk-origin';
import { type ShellOptions, startShell } from '../../main/shell/shell';
import { ManualClock } from '../support/manual-clock';
import { recordingLog } from './fake-electron';
import { createFakeElectron, type FakeBrowserWindow, type OzonePlatform } from './fake-electron-main';

/** A host that is always idle, standing in for the loopback socket. */
function idleHost(): HostLink & { requests: RequestMessage[] } {
  const requests: RequestMessage[] = [];
  return {
    requests,
    request: async (message): Promise<ResponseMessage> => {
      requests.push(message);
      return { kind: 'response', id: message.id, ok: true, result: { step: 'idle' } };
    },
    onEvent: () => () => undefined,
  };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

async function started(options: { ozonePlatform?: OzonePlatform; env?: NodeJS.ProcessEnv; argv?: string[]; clock?: ManualClock; baseDir?: string; packaged?: boolean } = {}) {
  const electron = createFakeElectron({ ozonePlatform: options.ozonePlatform ?? 'wayland' });
  electron.app.isPackaged = options.packaged ?? true;
  const log = recordingLog();
  const host = idleHost();
  const shellOptions: ShellOptions = {
    env: options.env ?? { INVOCATION_ID: 'unit' },
    argv: options.argv ?? ['/opt/Tongban/tongban-kiosk', '--ozone-platform=wayland'],
    baseDir: options.baseDir ?? '/opt/Tongban/resources/app.asar/dist/shell',
    clock: options.clock ?? new ManualClock(Date.UTC(2025, 5, 1, 12)),
    log,
    connectHost: () => host,
  };
  const shell = startShell(electron, shellOptions);
  electron.makeReady();
  await shell?.started;
  await settle();
  return { electron, log, host, shell };
}

describe('the shell on the fake electron', () => {
  it('shows the kiosk window under cage (Wayland), where a hidden window never gets ready-to-show', async () => {
    const { electron, shell } = await started({ ozonePlatform: 'wayland' });
    expect(electron.windows).toHaveLength(1);
    const window = electron.windows[0]!;
    expect(shell?.window()).toBe(window);
    expect(window.webContents.url).toBe(KIOSK_URL);
    expect(window.visible).toBe(true);
  });

  it('the fake keeps a window made with show: false hidden on Wayland, as Electron 38+ does', async () => {
    for (const platform of ['wayland', 'x11'] as const) {
      const electron = createFakeElectron({ ozonePlatform: platform });
      const window = new electron.BrowserWindow({ show: false }) as unknown as FakeBrowserWindow;
      // The pattern the shell used to rely on: show on ready-to-show.
      window.listen('ready-to-show', () => window.show());
      await window.loadURL(KIOSK_URL);
      expect(window.visible, platform).toBe(platform === 'x11');
    }
  });

  it('guards the window it creates and serves the renderer over app:// once ready', async () => {
    const { electron } = await started();
    const contents = electron.windows[0]!.webContents;
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(electron.protocol.privileged.map((scheme) => scheme.scheme)).toEqual(['app']);
    expect([...electron.protocol.handled.keys()]).toEqual(['app']);
    expect(electron.applicationMenu.value).toBeNull();
    expect(electron.blockers).toEqual(['prevent-display-sleep']);
  });

  it('forks the host once ready and restarts it when it dies, without touching the page', async () => {
    const { electron, log } = await started();
    const forks = electron.utilityProcess.forks;
    expect(forks).toHaveLength(1);
    forks[0]!.fatalError();
    expect(electron.windows[0]!.webContents.reloads).toBe(0);
    expect(log.messages('info')).toContain('host process gone; its supervisor restarts it');
    expect(log.messages('error')).toContain('host process exited; restarting it');
  });

  it("reloads the page when Chromium's camera service dies, not when its network or audio service does", async () => {
    const { electron } = await started();
    const contents = electron.windows[0]!.webContents;
    electron.crashService('network');
    electron.crashService('audio');
    expect(contents.reloads).toBe(0);
    electron.crashService('videoCapture');
    expect(contents.reloads).toBe(1);
  });

  describe('the camera step inside Electron', () => {
    /** The shell as built from this checkout (dist/shell beside the repository's package.json and node_modules). */
    const checkoutShell = join(import.meta.dirname, '..', '..', 'dist', 'shell');
    const fakeCameraSwitches = (switches: ReadonlyArray<readonly [string, string | undefined]>) => switches.filter(([name]) => name.includes('fake'));

    it('under npm start in simulator mode Chromium gets the fake camera playing the scene file, and no fake permission prompt', async () => {
      const { electron } = await started({ packaged: false, env: { TONGBAN_FAKE_CAMERA: '/data/camera/fake-camera.y4m' } });
      expect(fakeCameraSwitches(electron.app.switches)).toEqual([
        ['use-fake-device-for-media-stream', undefined],
        ['use-file-for-fake-video-capture', '/data/camera/fake-camera.y4m'],
      ]);
      // The permission handler grants the camera instead (lockdown.test.ts), as on a terminal.
      expect(electron.app.switches.map(([name]) => name)).not.toContain('use-fake-ui-for-media-stream');
    });

    it('a packaged shell takes no fake camera even when told to, nor an unpackaged one without a file', async () => {
      for (const options of [{ packaged: true, env: { TONGBAN_FAKE_CAMERA: '/tmp/video.y4m' } }, { packaged: false, env: {} }]) {
        const { electron } = await started(options);
        expect(fakeCameraSwitches(electron.app.switches)).toEqual([]);
      }
    });

    it.each([
      ['/models/facemesh.json', 'application/json; charset=utf-8'],
      ['/models/blazeface.bin', 'application/octet-stream'],
      ['/wasm/tfjs-backend-wasm-threaded-simd.wasm', 'application/wasm'],
      ['/human/human.esm.js', 'text/javascript; charset=utf-8'],
    ])('app:// serves %s from the installed packages as %s, cross-origin isolated', async (path, type) => {
      const { electron, log } = await started({ baseDir: checkoutShell });
      expect(log.messages('error')).toEqual([]);
      const response = await electron.protocol.handled.get('app')!(new Request(`${KIOSK_ORIGIN}${path}`));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      // COOP + COEP make the page crossOriginIsolated (SharedArrayBuffer: tfjs' threaded wasm build).
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = new Uint8Array(await response.arrayBuffer());
      if (type === 'application/wasm') expect([...body.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
      if (path.endsWith('.json')) expect(JSON.parse(new TextDecoder().decode(body))).toHaveProperty('weightsManifest');
    });

    it.each([
      '/models/emotion.json',
      '/models/..%2f..%2fpackage.json',
      '/models/%2e%2e/package.json',
      '/wasm/..%2f..%2f..%2fpackage.json',
      '/human/..%5chuman.node.js',
      '/human/human.node.js',
      '/models/facemesh.json%00.js',
    ])('app:// refuses %s (only the named camera files, nothing beside them)', async (path) => {
      const { electron } = await started({ baseDir: checkoutShell });
      const response = await electron.protocol.handled.get('app')!(new Request(`${KIOSK_ORIGIN}${path}`));
      expect([400, 404]).toContain(response.status);
      expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    });

    it('a shell whose packages lack the face models says so and still starts', async () => {
      const { electron, log } = await started({ baseDir: '/nowhere/dist/shell' });
      expect(log.messages('error')).toContain('the camera step cannot load its face models');
      expect(electron.windows).toHaveLength(1);
      expect((await electron.protocol.handled.get('app')!(new Request(`${KIOSK_ORIGIN}/models/facemesh.json`))).status).toBe(404);
    });
  });

  it('does not fork its own host when npm start runs one', async () => {
    const { electron } = await started({ env: { TONGBAN_HOST_ORIGIN: 'http://127.0.0.1:4000', TONGBAN_HOST_TOKEN: 'a'.repeat(32) } });
    expect(electron.utilityProcess.forks).toHaveLength(0);
    expect(electron.windows[0]!.visible).toBe(true);
  });

  describe('daily restart started by hand (no supervisor: the shell relaunches itself)', () => {
    const noon = new Date(2025, 5, 1, 12).getTime();
    const fourNextMorning = new Date(2025, 5, 2, 4).getTime();

    async function restartAtFour(env: NodeJS.ProcessEnv, fromAppImage: boolean) {
      const clock = new ManualClock(noon);
      const electron = createFakeElectron();
      if (fromAppImage) electron.app.runFromAppImage();
      const shell = startShell(electron, {
        env,
        argv: electron.app.argv,
        baseDir: '/x/dist/shell',
        clock,
        log: recordingLog(),
        connectHost: () => idleHost(),
      });
      electron.makeReady();
      await shell?.started;
      await settle();
      // The host finishes its work and exits when asked, as host-announce.ts does.
      const host = electron.utilityProcess.forks[0]!;
      host.onMessageFromShell = () => queueMicrotask(() => host.exit(0));
      await clock.advanceAsync(fourNextMorning - noon);
      await settle();
      return electron.app;
    }

    it('relaunches an AppImage through the image file, with the same arguments', async () => {
      const app = await restartAtFour({ APPIMAGE: '/srv/kiosk/Tongban-1.0.0-x86_64.AppImage' }, true);
      expect(app.relaunched).toEqual([{ argv: ['/srv/kiosk/Tongban-1.0.0-x86_64.AppImage', '--ozone-platform=wayland'], comesBack: true }]);
      expect(app.exitCode).toBe(0);
    });

    it('relaunches an installed binary with its own command line', async () => {
      const app = await restartAtFour({}, false);
      expect(app.relaunched).toEqual([{ argv: ['/opt/Tongban/tongban-kiosk', '--ozone-platform=wayland'], comesBack: true }]);
    });

    it('only exits under systemd, which starts it again', async () => {
      const app = await restartAtFour({ INVOCATION_ID: 'abc', APPIMAGE: '/srv/kiosk/Tongban.AppImage' }, true);
      expect(app.relaunched).toEqual([]);
      expect(app.exitCode).toBe(0);
    });
  });

  it('lets a second shell quit at once without a window', async () => {
    const electron = createFakeElectron();
    electron.app.lockAvailable = false;
    const shell = startShell(electron, {
      env: {},
      argv: [],
      baseDir: '/x',
      clock: new ManualClock(),
      log: recordingLog(),
      connectHost: () => idleHost(),
    });
    expect(shell).toBeNull();
    expect(electron.app.exitCode).toBe(0);
    expect(electron.windows).toHaveLength(0);
  });
});
