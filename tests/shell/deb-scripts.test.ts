/**
 * The deb's maintainer scripts and AppArmor profile, rendered as electron-builder renders them and
 * (for the after-install) run under bash with every system command replaced by a recording stub,
 * on the distributions docs/deploy.md supports. Nothing on this machine is changed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const projectRoot = join(import.meta.dirname, '..', '..');
const packaging = join(projectRoot, 'main', 'shell', 'packaging');
const requireFromProject = createRequire(join(projectRoot, 'package.json'));
const yaml = requireFromProject('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as {
  deb: { afterInstall: string; afterRemove: string; appArmorProfile: string };
};
const defaultTemplates = join(dirname(requireFromProject.resolve('app-builder-lib/package.json')), 'templates', 'linux');

/** electron-builder's macro expansion (FpmTarget's writeConfigFile): an unknown macro fails the build. */
function render(text: string): string {
  const macros: Record<string, string> = { executable: 'tongban-kiosk', sanitizedProductName: 'Tongban' };
  return text.replace(/\$\{([a-zA-Z]+)\}/g, (_match, name: string) => {
    const value = macros[name];
    if (value === undefined) throw new Error(`Macro ${name} is not defined`);
    return value;
  });
}

const afterInstall = render(readFileSync(join(projectRoot, config.deb.afterInstall), 'utf8'));
const afterRemove = render(readFileSync(join(projectRoot, config.deb.afterRemove), 'utf8'));

const STUBBED = [
  'update-alternatives', 'rm', 'ln', 'readlink', 'update-mime-database', 'update-desktop-database', 'id', 'useradd', 'getent', 'usermod',
  'apparmor_status', 'apparmor_parser', 'ischroot', 'install', 'runuser', 'unshare', 'chmod', 'udevadm', 'systemctl',
];

/**
 * Runs the after-install with PATH holding only stubs. Each stub records its command line and
 * exits with the code of the first rule (a bash glob over "command args") it matches, else 0.
 */
function runAfterInstall(rules: Array<[pattern: string, exitCode: number]>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-postinst-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const stub = '#!/bin/bash\nline="${0##*/} $*"\nprintf \'%s\\n\' "$line" >> "$STUB_LOG"\nwhile IFS=$\'\\t\' read -r pattern code; do\n  if [[ -n "$pattern" && "$line" == $pattern ]]; then exit "$code"; fi\ndone < "$STUB_RULES"\nexit 0\n';
  for (const name of STUBBED) {
    writeFileSync(join(bin, name), stub);
    chmodSync(join(bin, name), 0o755);
  }
  const script = join(dir, 'postinst');
  writeFileSync(script, afterInstall);
  writeFileSync(join(dir, 'rules'), rules.map(([pattern, code]) => `${pattern}\t${code}\n`).join(''));
  writeFileSync(join(dir, 'log'), '');
  const run = spawnSync('/bin/bash', [script, 'configure'], {
    env: { PATH: bin, STUB_LOG: join(dir, 'log'), STUB_RULES: join(dir, 'rules') },
    encoding: 'utf8',
  });
  expect(run.stderr).not.toMatch(/command not found/);
  expect(run.status).toBe(0);
  return readFileSync(join(dir, 'log'), 'utf8').split('\n').filter(Boolean);
}

const freshInstall: Array<[string, number]> = [['id tongban', 1], ['ischroot*', 1]];
const apparmor4: Array<[string, number]> = [['apparmor_status --enabled', 0], ['apparmor_parser --skip-kernel-load*', 0]];
/** AppArmor 3 (Debian 12, Ubuntu 22.04) cannot parse abi/4.0. */
const apparmor3: Array<[string, number]> = [['apparmor_status --enabled', 0], ['apparmor_parser --skip-kernel-load*', 1]];
const rootMayUnshare: Array<[string, number]> = [['unshare --user true', 0]];
const kioskUserMayNot: Array<[string, number]> = [['runuser -u tongban -- unshare --user true', 1]];

describe('deb after-install', () => {
  it('Ubuntu 24.04: installs and loads the AppArmor profile, keeps chrome-sandbox unprivileged', () => {
    const log = runAfterInstall([...freshInstall, ...apparmor4, ...rootMayUnshare, ...kioskUserMayNot]);
    expect(log).toContain('install -m 0644 /opt/Tongban/resources/apparmor-profile /etc/apparmor.d/tongban-kiosk');
    expect(log).toContain('apparmor_parser --replace --write-cache --skip-read-cache /etc/apparmor.d/tongban-kiosk');
    expect(log).toContain('chmod 0755 /opt/Tongban/chrome-sandbox');
  });

  it('Ubuntu 24.04 image built in a chroot: installs the profile for the boot to load, without loading it', () => {
    const log = runAfterInstall([['id tongban', 1], ['ischroot*', 0], ...apparmor4, ...kioskUserMayNot]);
    expect(log).toContain('install -m 0644 /opt/Tongban/resources/apparmor-profile /etc/apparmor.d/tongban-kiosk');
    expect(log.filter((line) => line.startsWith('apparmor_parser --replace'))).toEqual([]);
    expect(log).toContain('chmod 0755 /opt/Tongban/chrome-sandbox');
  });

  it('Debian 12 / Ubuntu 22.04: no profile (AppArmor 3), user namespaces work for the kiosk user', () => {
    const log = runAfterInstall([...freshInstall, ...apparmor3, ['runuser -u tongban -- unshare --user true', 0]]);
    expect(log.filter((line) => line.includes('/etc/apparmor.d/'))).toEqual([]);
    expect(log).toContain('chmod 0755 /opt/Tongban/chrome-sandbox');
  });

  it('asks as the kiosk user, not as root: where only root may create user namespaces, chrome-sandbox becomes setuid', () => {
    const log = runAfterInstall([...freshInstall, ...apparmor3, ...rootMayUnshare, ...kioskUserMayNot]);
    expect(log).toContain('chmod 4755 /opt/Tongban/chrome-sandbox');
    // The user it asks as exists by then.
    const created = log.findIndex((line) => line.startsWith('useradd '));
    const asked = log.indexOf('runuser -u tongban -- unshare --user true');
    expect(created).toBeGreaterThanOrEqual(0);
    expect(asked).toBeGreaterThan(created);
  });

  it("names every file electron-builder's default after-install and after-remove name (it replaces them)", () => {
    // ischroot is the same program; ours looks it up on PATH.
    const paths = (text: string) => new Set([...text.matchAll(/\/(?:opt|etc|usr)\/[\w${}./-]+/g)].map((match) => match[0]).filter((path) => path !== '/usr/bin/ischroot'));
    for (const [ours, template] of [
      [afterInstall, 'after-install.tpl'],
      [afterRemove, 'after-remove.tpl'],
    ] as const) {
      const theirs = paths(render(readFileSync(join(defaultTemplates, template), 'utf8')));
      expect(theirs.size).toBeGreaterThan(2);
      expect([...theirs].filter((path) => !paths(ours).has(path)), template).toEqual([]);
    }
  });
});

describe('deb after-remove', () => {
  it('is valid bash', () => {
    const check = spawnSync('/bin/bash', ['-n'], { input: afterRemove, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('unloads and removes the AppArmor profile on removal only, not on upgrade', () => {
    const removal = /remove\|purge\)([\s\S]*?);;/.exec(afterRemove)?.[1] ?? '';
    expect(removal).toContain("apparmor_parser --remove '/etc/apparmor.d/tongban-kiosk'");
    expect(removal).toContain("rm -f '/etc/apparmor.d/tongban-kiosk'");
    expect(afterRemove.replace(removal, '')).not.toContain('/etc/apparmor.d/');
  });
});

describe('docs/deploy.md', () => {
  it('tells each supported distribution what it needs, naming the profile the after-install writes', () => {
    const doc = readFileSync(join(projectRoot, 'docs', 'deploy.md'), 'utf8');
    const table = /### Supported distributions([\s\S]*?)\n## /.exec(doc)?.[1] ?? '';
    for (const distribution of ['Debian 12', 'Ubuntu 22.04', 'Ubuntu 24.04']) expect(table).toMatch(new RegExp(`^\\| ${distribution} \\| deb \\|`, 'm'));
    const written = /install -m 0644 \S+ '(\/etc\/apparmor\.d\/[^']+)'/.exec(afterInstall)?.[1];
    expect(written).toBe('/etc/apparmor.d/tongban-kiosk');
    expect(table).toContain(`\`${written}\``);
  });
});

describe('AppArmor profile', () => {
  const profile = render(readFileSync(join(projectRoot, config.deb.appArmorProfile), 'utf8'));

  it('is the one electron-builder ships, and is written for AppArmor 4', () => {
    expect(config.deb.appArmorProfile).toBe('main/shell/packaging/apparmor-profile');
    expect(profile).toMatch(/^abi <abi\/4\.0>,$/m);
  });

  it('attaches to the binary the kiosk unit runs, and grants user namespaces without confining it', () => {
    const unit = readFileSync(join(packaging, 'tongban-kiosk.service'), 'utf8');
    const binary = /^ExecStart=\/usr\/bin\/cage .*?-- (\S+)/m.exec(unit)?.[1];
    const header = /^profile (\S+) (\S+) flags=\(unconfined\) \{$/m.exec(profile);
    expect(header?.[2]).toBe(binary);
    expect(header?.[1]).toBe('tongban-kiosk');
    expect(profile).toMatch(/^\s+userns,$/m);
  });
});
