#!/usr/bin/env node
/**
 * Runs before `npm start` and `npm test` (prestart/pretest) on nothing but Node's built-ins, so
 * that a fresh clone needs no other step: it installs the system packages the kiosk needs (as
 * root on Debian; elsewhere it prints the command), and the npm dependencies when they are
 * missing or older than package-lock.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const say = (line) => process.stderr.write(`tongban: ${line}\n`);

/** Debian packages and how to tell each is there. */
const SYSTEM_PACKAGES = [
  { name: 'chromium', present: () => ['/usr/bin/chromium', '/usr/bin/chromium-browser'].some(existsSync) },
  { name: 'socat', present: () => existsSync('/usr/bin/socat') },
  { name: 'xvfb', present: () => existsSync('/usr/bin/Xvfb') },
  // Spoken prompts (main/host/speech/): the offline engine and the player; without them the kiosk runs text only.
  { name: 'espeak-ng', present: () => existsSync('/usr/bin/espeak-ng') },
  { name: 'alsa-utils', present: () => existsSync('/usr/bin/aplay') },
  {
    name: 'fonts-noto-cjk',
    present: () => ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc'].some(existsSync),
  },
];

function ensureSystemPackages() {
  if (process.platform !== 'linux' || process.env.TONGBAN_SKIP_SYSTEM_PACKAGES) return;
  const missing = SYSTEM_PACKAGES.filter((p) => !p.present()).map((p) => p.name);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  const command = `apt-get install -y ${missing.join(' ')}`;
  if (!isRoot || !hasApt) {
    say(`missing system packages: ${missing.join(', ')}. Install them with:\n    sudo apt-get update && sudo ${command}`);
    return;
  }
  say(`installing system packages: ${missing.join(', ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env }) : update;
  if (install.status !== 0) say(`apt-get failed; install them by hand: ${command}`);
}

/** The lock file alone decides what is installed (it records package.json's dependencies too). */
function lockDigest() {
  return createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
}

/**
 * What the native-module check depends on: this Node (its version and module ABI) and the compiled
 * better-sqlite3 binary (size and time: a rebuild, for Electron or another Node, changes them).
 */
function nativeModulesKey() {
  const binary = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  const stat = statSync(binary, { throwIfNoEntry: false });
  return stat ? `${process.version} abi ${process.versions.modules} ${stat.size} ${stat.mtimeMs}\n` : null;
}

/**
 * Whether the native modules load in this Node: a child process tries (a binary built for another
 * Node may crash the process that loads it), once per Node and binary. Remembered in a stamp, so
 * that every later start (issue 12's cold start) is spared that second Node.
 */
function nativeModulesLoad() {
  const stampFile = join(root, 'node_modules', '.tongban-native-stamp');
  const key = nativeModulesKey();
  if (key !== null && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === key) return true;
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, stdio: 'ignore' });
  if (probe.status !== 0) return false;
  const loadedKey = nativeModulesKey();
  if (loadedKey !== null) writeFileSync(stampFile, loadedKey);
  return true;
}

function ensureNodeModules() {
  const stampFile = join(root, 'node_modules', '.tongban-deps-stamp');
  const digest = lockDigest();
  const current = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (current !== digest) {
    say(existsSync(join(root, 'node_modules')) ? 'dependencies changed: npm ci' : 'first run: installing dependencies (npm ci), this takes a few minutes');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    writeFileSync(stampFile, `${digest}\n`);
  }
  if (!nativeModulesLoad()) {
    // Built for another Node (a switched Node version, or an Electron rebuild): rebuild for this one.
    say('native modules do not match this Node: npm rebuild');
    execFileSync('npm', ['rebuild', 'better-sqlite3', '@serialport/bindings-cpp', 'node-hid'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  }
}

try {
  ensureSystemPackages();
  ensureNodeModules();
} catch (error) {
  say(`preparing the project failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
