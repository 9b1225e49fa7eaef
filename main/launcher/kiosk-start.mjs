#!/usr/bin/env node
/**
 * `npm start`: the launcher (start.ts) from its bundle, dist/launcher/start.cjs, built first when
 * any of its sources changed since (host-bundle.mjs). `node --import tsx main/launcher/start.ts`
 * runs the same launcher from source.
 */
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHostBundle, runHostBundle } from './host-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const phase = (name) => {
  // The same line as main/host/start-timing.ts writes (this file runs before any TypeScript).
  if (process.env.KIOSK_DEBUG_START !== '1') return;
  const cpu = process.cpuUsage();
  process.stderr.write(`tongban-start: ${performance.now().toFixed(1)} cpu ${((cpu.user + cpu.system) / 1000).toFixed(1)} ${name}\n`);
};

try {
  phase('loader: started');
  // Node 22.1 and later keep V8's compiled code of the bundle between starts (most of what is left
  // of loading it); Node 20 has no such cache and compiles it at every start.
  Module.enableCompileCache?.(join(root, 'dist', '.node-compile-cache'));
  await ensureHostBundle(root, (line) => process.stderr.write(`tongban: ${line}\n`));
  phase('loader: bundle current');
  runHostBundle(root);
} catch (error) {
  process.stderr.write(`tongban: could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
