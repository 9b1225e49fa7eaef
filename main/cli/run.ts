import { runCli } from './kiosk';

process.exitCode = await runCli(process.argv.slice(2));
