/**
 * `npm start` runs the launcher from its bundle (main/launcher/host-bundle.mjs): a source change
 * must never run a stale bundle. A small project of its own in a temporary folder, bundled by the
 * real build: its entry prints one source's text and the project root it computes from its own
 * module, as start.ts does.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentBundleDigest, ensureHostBundle, hostBundlePaths } from '../../main/launcher/host-bundle.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function fakeProject(message: string): string {
  const root = mkdtempSync(join(tmpdir(), 'host-bundle-'));
  roots.push(root);
  mkdirSync(join(root, 'main', 'launcher'), { recursive: true });
  writeFileSync(
    join(root, 'main', 'launcher', 'start.ts'),
    [
      "import { dirname, join } from 'node:path';",
      "import { fileURLToPath } from 'node:url';",
      "import { message } from './message';",
      "const projectRoot: string = join(dirname(fileURLToPath(import.meta.url)), '..', '..');",
      'process.stdout.write(`${message}|${projectRoot}`);',
      '',
    ].join('\n'),
  );
  writeMessage(root, message);
  writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion": 3}\n');
  return root;
}

const writeMessage = (root: string, message: string) =>
  writeFileSync(join(root, 'main', 'launcher', 'message.ts'), `export const message: string = ${JSON.stringify(message)};\n`);

/** What the built bundle prints when Node runs it. */
function runBundle(root: string): string {
  const run = spawnSync(process.execPath, [hostBundlePaths(root).bundle], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout;
}

/** Builds if needed, and says whether it did. */
async function ensure(root: string): Promise<boolean> {
  let built = false;
  await ensureHostBundle(root, () => {
    built = true;
  });
  return built;
}

describe('the launcher bundle npm start runs', () => {
  it('is built when missing, runs the sources it was built from, and finds the project from dist/launcher as from main/launcher', async () => {
    const root = fakeProject('first');
    expect(currentBundleDigest(root)).toBeNull();
    expect(await ensure(root)).toBe(true);
    expect(currentBundleDigest(root)).toMatch(/^[0-9a-f]{64}$/);
    expect(runBundle(root)).toBe(`first|${root}`);
    const info = JSON.parse(readFileSync(hostBundlePaths(root).info, 'utf8')) as { inputs: string[] };
    expect(info.inputs).toEqual(['main/launcher/message.ts', 'main/launcher/start.ts']);
  }, 60_000);

  it('is not built again while nothing changed', async () => {
    const root = fakeProject('same');
    await ensure(root);
    const builtAt = statSync(hostBundlePaths(root).bundle).mtimeMs;
    expect(await ensure(root)).toBe(false);
    expect(statSync(hostBundlePaths(root).bundle).mtimeMs).toBe(builtAt);
  }, 60_000);

  it('is rebuilt when an imported source changes, even with its old modification time', async () => {
    const root = fakeProject('before');
    await ensure(root);
    const file = join(root, 'main', 'launcher', 'message.ts');
    const { atime, mtime } = statSync(file);
    writeMessage(root, 'after!');
    utimesSync(file, atime, mtime);
    expect(currentBundleDigest(root)).toBeNull();
    expect(await ensure(root)).toBe(true);
    expect(runBundle(root)).toBe(`after!|${root}`);
  }, 60_000);

  it('is rebuilt when an input is gone or package-lock.json changes (the inlined packages)', async () => {
    const root = fakeProject('lock');
    await ensure(root);
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion": 3, "packages": {}}\n');
    expect(currentBundleDigest(root)).toBeNull();
    await ensure(root);
    expect(currentBundleDigest(root)).not.toBeNull();
    rmSync(join(root, 'main', 'launcher', 'message.ts'));
    expect(currentBundleDigest(root)).toBeNull();
  }, 60_000);

  it('counts a damaged build-info.json as no build', async () => {
    const root = fakeProject('info');
    await ensure(root);
    writeFileSync(hostBundlePaths(root).info, '{"digest": 12');
    expect(currentBundleDigest(root)).toBeNull();
    expect(await ensure(root)).toBe(true);
    expect(runBundle(root)).toBe(`info|${root}`);
  }, 60_000);
});
