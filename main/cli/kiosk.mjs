#!/usr/bin/env node
// `npx kiosk ...`: the TypeScript CLI, compiled on the fly by tsx's loader in this same process.
// No wrapper process: SIGINT/SIGTERM reach the CLI directly, so a simulator (`kiosk sim up`)
// always gets to stop its socat processes, however busy the machine is.
import { register } from 'tsx/esm/api';

register();
await import('./run.ts');
