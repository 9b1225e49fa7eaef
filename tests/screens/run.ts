/**
 * `npm run screens [-- --axe] [--only <file part>] [--languages en,zh-TW] [--orientations portrait]`:
 * every screen of every service from the real renderer against the simulators, in three
 * languages and both orientations, into test-results/screens/ with an index.html to open.
 * With --axe, axe runs on every screen and its serious and critical findings are listed on the
 * index page (and make the exit status 1). --only runs the walk files whose path contains it
 * (e.g. `camera`) and keeps the other services' screens.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GALLERY_DIR, MANIFEST, type Shot } from './gallery';
import { indexPage } from './index-page';

const { values } = parseArgs({
  options: { axe: { type: 'boolean', default: false }, only: { type: 'string' }, languages: { type: 'string' }, orientations: { type: 'string' } },
});
function readManifest(): Shot[] {
  return existsSync(MANIFEST) ? readFileSync(MANIFEST, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Shot) : [];
}

const projectRoot = join(import.meta.dirname, '..', '..');
// A whole run starts afresh; --only redoes its services' screens and keeps the others'.
if (values.only === undefined) rmSync(GALLERY_DIR, { recursive: true, force: true });
else if (existsSync(MANIFEST)) writeFileSync(MANIFEST, readManifest().filter((shot) => !`tests/screens/${shot.service}.screens.ts`.includes(values.only!)).map((shot) => `${JSON.stringify(shot)}\n`).join(''));
const started = Date.now();
const run = spawnSync(
  process.execPath,
  [join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'tests/screens/vitest.config.ts', ...(values.only ? [values.only] : [])],
  {
    cwd: projectRoot,
    stdio: 'inherit',
    env: {
      ...process.env,
      SCREENS_AXE: values.axe ? '1' : '0',
      ...(values.languages ? { SCREENS_LANGUAGES: values.languages } : {}),
      ...(values.orientations ? { SCREENS_ORIENTATIONS: values.orientations } : {}),
    },
  },
);
const shots = readManifest();
writeFileSync(join(GALLERY_DIR, 'index.html'), indexPage(shots, { axe: values.axe }));
const findings = shots.filter((shot) => shot.axe?.length);
console.log(`screens: ${shots.length} screenshots in ${((Date.now() - started) / 1000).toFixed(0)} s: ${join(GALLERY_DIR, 'index.html')}`);
if (values.axe) console.log(`screens: axe: ${findings.length} screen(s) with serious or critical findings`);
for (const shot of findings) console.log(`  ${shot.file}\n    ${shot.axe!.join('\n    ')}`);
process.exit(run.status !== 0 || findings.length > 0 ? 1 : 0);
