import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAMERA_ASSET_FILES } from '../../main/host/camera/model-files';

const projectRoot = join(import.meta.dirname, '..', '..');
// js-yaml and app-builder-lib come with electron-builder; they are not direct dependencies.
const requireFromProject = createRequire(join(projectRoot, 'package.json'));
const yaml = requireFromProject('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = requireFromProject('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};

interface BuilderConfig {
  electronVersion: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: Array<{ target: string; arch: string[] }>; executableName: string; extraResources: Array<{ from: string; to: string; filter: string[] }> };
  deb: { afterInstall: string; afterRemove: string; depends: string[] };
  publish: Array<{ provider: string; url: string; channel: string }>;
}

const packaging = join(projectRoot, 'main', 'shell', 'packaging');
const config = yaml.load(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('pins the Electron version package-lock.json resolves', () => {
    expect(config.electronVersion).toBe(lock.packages['node_modules/electron']?.version);
  });

  it('builds deb and AppImage for x64 and arm64', () => {
    for (const target of ['deb', 'AppImage']) {
      expect(config.linux.target).toContainEqual({ target, arch: ['x64', 'arm64'] });
    }
    expect(config.linux.executableName).toBe('tongban-kiosk');
  });

  it('packs the bundles into asar, rebuilds native modules for Electron and keeps them unpacked', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', '**/node_modules/better-sqlite3/**', '**/node_modules/node-hid/**']));
  });

  describe("what goes into the package of the camera step's node_modules (electron-builder's own file matcher)", () => {
    const { getNodeModuleFileMatcher } = requireFromProject('app-builder-lib/out/fileMatcher') as {
      getNodeModuleFileMatcher(
        appDir: string,
        destination: string,
        expand: (text: string) => string,
        platformOptions: object,
        packager: { config: { files: string[] }; debugLogger: { isEnabled: boolean } },
      ): { createFilter(): (file: string, stat: { isDirectory(): boolean; moduleFullFilePath: string }) => boolean };
    };
    const filter = getNodeModuleFileMatcher(projectRoot, '/out/app', (text) => text, {}, { config: { files: config.files }, debugLogger: { isEnabled: false } }).createFilter();
    /**
     * Whether electron-builder copies a file of node_modules: it walks each package's folders from
     * the package's own, asking the filter for every folder and file (a folder left out takes its
     * files along), named as they will lie in the app (node_modules/<package>/...).
     */
    const packed = (path: string) => {
      const [, scope, name] = /^node_modules\/(@[^/]+\/)?([^/]+)\//.exec(path) ?? [];
      const root = `node_modules/${scope ?? ''}${name}`;
      const parts = path.slice(root.length + 1).split('/');
      return parts.every((_, index) => {
        const inApp = `${root}/${parts.slice(0, index + 1).join('/')}`;
        return filter(`/src/${inApp}`, { isDirectory: () => index < parts.length - 1, moduleFullFilePath: inApp });
      });
    };
    const human = 'node_modules/@vladmandic/human';
    const wasm = 'node_modules/@tensorflow/tfjs-backend-wasm';

    it('keeps every file the app:// handler serves, the packages\' entries require.resolve looks for, and the simulator\'s face', () => {
      const served = [
        ...CAMERA_ASSET_FILES.human.map((name) => `${human}/dist/${name}`),
        ...CAMERA_ASSET_FILES.models.map((name) => `${human}/models/${name}`),
        ...CAMERA_ASSET_FILES.wasm.map((name) => `${wasm}/dist/${name}`),
      ];
      const resolved = [`${human}/package.json`, `${human}/dist/human.node.js`, `${wasm}/package.json`, `${wasm}/dist/tf-backend-wasm.node.js`];
      for (const path of [...served, ...resolved, `${human}/src/sample.ts`]) expect(packed(path), path).toBe(true);
      // Every one of them exists in the installed packages (a renamed file would be served from nowhere).
      for (const path of [...served, ...resolved]) expect(() => readFileSync(join(projectRoot, path)), path).not.toThrow();
    });

    it("leaves out the detector's other models, builds and sources, and tfjs' own packages", () => {
      for (const path of [
        `${human}/models/emotion.bin`,
        `${human}/models/faceres.json`,
        `${human}/dist/human.js`,
        `${human}/dist/human.node-wasm.js`,
        `${human}/src/human.ts`,
        `${human}/demo/index.html`,
        `${wasm}/dist/tf-backend-wasm.js`,
        `${wasm}/dist/kernels/Abs.js`,
        'node_modules/@tensorflow/tfjs-core/dist/index.js',
        'node_modules/@tensorflow/tfjs-backend-cpu/dist/index.js',
      ]) {
        expect(packed(path), path).toBe(false);
      }
    });

    it('leaves the other production modules alone', () => {
      for (const path of ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/pino/pino.js', 'node_modules/jsqr/dist/jsQR.js']) expect(packed(path), path).toBe(true);
    });
  });

  it('flips the production fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('does not count on ASAR integrity, which Electron validates on macOS and Windows only', () => {
    // Every target is Linux, where the fuse would check nothing (fuses.md, asar-integrity.md).
    expect(Object.keys(config).filter((key) => ['mac', 'win', 'mas'].includes(key))).toEqual([]);
    expect(config.electronFuses.enableEmbeddedAsarIntegrityValidation).not.toBe(true);
    const doc = readFileSync(join(projectRoot, 'docs', 'deploy.md'), 'utf8');
    const security = /### Package security([\s\S]*?)(?:\n## |$)/.exec(doc)?.[1] ?? '';
    expect(security).toMatch(/ASAR integrity is not available[^\n]*\n[^\n]*macOS and Windows only/);
    expect(security).toContain('dpkg --verify tongban-kiosk');
  });

  it('publishes to a generic update server per channel', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: 'https://updates.example.invalid/tongban/${channel}', channel: 'latest' }]);
  });

  it('ships the systemd unit, udev rule and logind drop-in, and installs them after install', () => {
    const resources = config.linux.extraResources[0]!;
    expect(resources).toMatchObject({ from: 'main/shell/packaging', to: 'packaging' });
    expect(resources.filter).toEqual(expect.arrayContaining(['tongban-kiosk.service', '99-tongban-devices.rules', 'logind-tongban.conf', 'kiosk.env']));
    for (const file of resources.filter) expect(() => readFileSync(join(packaging, file))).not.toThrow();
    const afterInstall = readFileSync(join(projectRoot, config.deb.afterInstall), 'utf8');
    expect(afterInstall).toContain('/etc/systemd/system/tongban-kiosk.service');
    expect(afterInstall).toContain('/etc/udev/rules.d/99-tongban-devices.rules');
    expect(afterInstall).toContain('systemctl enable tongban-kiosk.service');
    expect(afterInstall).toContain('chrome-sandbox');
    expect(config.deb.depends).toContain('cage');
  });

  it("uses only the macros electron-builder defines in the deb scripts (others fail the build)", () => {
    for (const script of [config.deb.afterInstall, config.deb.afterRemove]) {
      const text = readFileSync(join(projectRoot, script), 'utf8');
      const macros = [...text.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((match) => match[1]);
      expect(new Set(macros)).toEqual(new Set(['executable', 'sanitizedProductName']));
    }
  });
});

describe('docs/deploy.md', () => {
  it('shows a kiosk-config.json the kiosk accepts, in remote mode', async () => {
    const { KioskConfig } = await import('../../kiosk-config/schema');
    const doc = readFileSync(join(projectRoot, 'docs', 'deploy.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const parsed = KioskConfig.safeParse(JSON.parse(example!));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data?.central.mode).toBe('remote');
  });
});

describe('systemd unit', () => {
  const unit = readFileSync(join(packaging, 'tongban-kiosk.service'), 'utf8');
  const directives = new Map(
    unit
      .split('\n')
      .filter((line) => /^[A-Za-z]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );

  it('runs cage with the shell, restarting always, as the kiosk user on tty1', () => {
    expect(directives.get('ExecStart')).toMatch(/^\/usr\/bin\/cage -d -- \/opt\/Tongban\/tongban-kiosk/);
    // cage's -s would allow VT switching.
    expect(directives.get('ExecStart')).not.toMatch(/cage[^-]*-s\b|\s-s\s/);
    expect(directives.get('Restart')).toBe('always');
    expect(directives.get('User')).toBe('tongban');
    expect(directives.get('TTYPath')).toBe('/dev/tty1');
    expect(directives.get('PAMName')).toBe('login');
    expect(directives.get('SupplementaryGroups')).toContain('dialout');
    expect(directives.get('Environment')).toBeDefined();
    expect(unit).toContain('KIOSK_DATA_DIR=/var/lib/tongban');
  });

  it('turns VT switching and spare VTs off through logind', () => {
    const logind = readFileSync(join(packaging, 'logind-tongban.conf'), 'utf8');
    expect(logind).toMatch(/^NAutoVTs=0$/m);
    expect(logind).toMatch(/^ReserveVT=0$/m);
  });

  it('gives the HID reader to the kiosk user through udev', () => {
    const rules = readFileSync(join(packaging, '99-tongban-devices.rules'), 'utf8');
    expect(rules).toMatch(/SUBSYSTEM=="hidraw", ATTRS\{idVendor\}=="0400", ATTRS\{idProduct\}=="c35a", MODE="0660", GROUP="plugdev"/);
  });
});
