/**
 * The Electron entry (bundled to dist/shell/main.cjs, package.json's "main"): hands the real
 * `electron` module and the process's surroundings to the shell (shell.ts), which tests drive
 * with a fake instead.
 */
import { systemClock } from '../../drivers/common/clock';
import type { ElectronMain } from './electron-types';
import { startShell } from './shell';
import { jsonLinesLog } from './shell-log';

const electron = require('electron') as ElectronMain;

startShell(electron, {
  env: process.env,
  argv: process.argv,
  baseDir: __dirname,
  clock: systemClock,
  log: jsonLinesLog((line) => process.stderr.write(line)),
});
