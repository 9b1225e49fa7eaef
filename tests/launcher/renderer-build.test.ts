/**
 * The touch UI is always React's production build, also when a test builds it (vitest sets
 * NODE_ENV to 'test', which Vite used to take as the build's mode); a folder built before that
 * rule counts as stale, so it is built again.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureRendererBuilt, rendererIsStale } from '../../main/launcher/renderer-build';

const projectRoot = join(import.meta.dirname, '..', '..');

/** A project with one renderer source and a built folder, the source older than the build. */
function fakeProject(buildInfo: string | null): string {
  const root = mkdtempSync(join(tmpdir(), 'renderer-build-'));
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'App.tsx'), 'export {};\n');
  utimesSync(join(root, 'renderer', 'App.tsx'), new Date(2020, 0, 1), new Date(2020, 0, 1));
  utimesSync(join(root, 'renderer'), new Date(2020, 0, 1), new Date(2020, 0, 1));
  mkdirSync(join(root, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(root, 'dist', 'renderer', 'index.html'), '<!doctype html>');
  utimesSync(join(root, 'dist', 'renderer', 'index.html'), new Date(2021, 0, 1), new Date(2021, 0, 1));
  if (buildInfo !== null) writeFileSync(join(root, 'dist', 'renderer', 'build-info.json'), buildInfo);
  return root;
}

describe('renderer build', () => {
  it('counts a build as stale unless it says it was made for production', () => {
    expect(rendererIsStale(fakeProject(JSON.stringify({ nodeEnv: 'production' })))).toBe(false);
    expect(rendererIsStale(fakeProject(null))).toBe(true);
    expect(rendererIsStale(fakeProject(JSON.stringify({ nodeEnv: 'test' })))).toBe(true);
  });

  it('counts a production build older than a source as stale', () => {
    const root = fakeProject(JSON.stringify({ nodeEnv: 'production' }));
    writeFileSync(join(root, 'renderer', 'App.tsx'), 'export const changed = 1;\n');
    expect(rendererIsStale(root)).toBe(true);
  });

  it("built under vitest, the UI is React's production build and NODE_ENV is left as it was", async () => {
    expect(process.env.NODE_ENV).toBe('test');
    const dir = await ensureRendererBuilt(projectRoot, () => {});
    expect(process.env.NODE_ENV).toBe('test');
    const scripts = readdirSync(join(dir, 'assets')).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const code = readFileSync(join(dir, 'assets', script), 'utf8');
      // A development build calls the development JSX runtime for every element.
      expect(code).not.toContain('jsxDEV');
    }
    expect(JSON.parse(readFileSync(join(dir, 'build-info.json'), 'utf8'))).toEqual({ nodeEnv: 'production' });
  }, 180_000);
});
