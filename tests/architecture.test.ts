import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseWindow, findElectron } from '../main/launcher/window-launcher';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|mjs)$/.test(entry) ? [path] : [];
  });
}

describe('architecture', () => {
  it('keeps Electron out of the host, drivers, simulators, configuration and the shared API', () => {
    const plainNode = ['main/host', 'main/api', 'main/domain', 'main/cli', 'drivers', 'simulators', 'kiosk-config'];
    const offenders = plainNode
      .flatMap((dir) => sources(join(root, dir)))
      .filter((file) => /(from\s+['"]electron['"])|(require\(\s*['"]electron['"]\s*\))|(import\(\s*['"]electron['"]\s*\))/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('keeps Node out of the renderer', () => {
    const offenders = sources(join(root, 'renderer'))
      .filter((file) => /from\s+['"](node:|fs|path|child_process|better-sqlite3|serialport)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});

describe('finding the Electron binary', () => {
  function fakeProject(withBinary: boolean): string {
    const project = mkdtempSync(join(tmpdir(), 'electron-probe-'));
    writeFileSync(join(project, 'package.json'), '{"name":"probe"}');
    const pkg = join(project, 'node_modules', 'electron');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"name":"electron","version":"41.7.1"}');
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    if (withBinary) writeFileSync(join(pkg, 'dist', 'electron'), '');
    return project;
  }

  it('finds the binary the optional package downloaded, and picks Electron when there is a display', () => {
    const project = fakeProject(true);
    expect(findElectron(project)).toBe(join(project, 'node_modules', 'electron', 'dist', 'electron'));
    expect(chooseWindow(project, { DISPLAY: ':0' }).mode).toBe('electron');
  });

  it('treats a package whose download failed as no Electron', () => {
    const project = fakeProject(false);
    expect(findElectron(project)).toBeNull();
    expect(chooseWindow(project, { DISPLAY: ':0', KIOSK_CHROMIUM: '/bin/sh' }).mode).toBe('chromium');
    expect(chooseWindow(project, {}).mode).toBe('none');
  });
});
