import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KioskConfig } from './schema';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

export interface LoadedConfig {
  readonly config: KioskConfig;
  /** Where it came from, or null when no file was found and simulator defaults apply. */
  readonly file: string | null;
}

/** The data folder: `KIOSK_DATA_DIR`, or a per-user folder (XDG data home on Linux). */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KIOSK_DATA_DIR) return env.KIOSK_DATA_DIR;
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'tongban-kiosk');
}

/** Parses configuration text; any problem becomes one ConfigError that names each bad field. */
export function parseConfig(text: string, file: string): KioskConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, `${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = KioskConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new ConfigError(file, `${file} is not a valid kiosk configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return parsed.data;
}

/**
 * Loads `KIOSK_CONFIG`, or `<data dir>/kiosk-config.json`. With neither, the kiosk is not
 * provisioned and runs on simulator defaults.
 */
export function loadConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const file = env.KIOSK_CONFIG || join(dataDir, 'kiosk-config.json');
  if (!existsSync(file)) {
    if (env.KIOSK_CONFIG) throw new ConfigError(file, `KIOSK_CONFIG names ${file}, which does not exist`);
    return { config: KioskConfig.parse({}), file: null };
  }
  return { config: parseConfig(readFileSync(file, 'utf8'), file), file };
}
