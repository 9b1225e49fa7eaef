import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KioskConfig, simulatorConfig } from './schema';

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
    // Someone who meant a bench setup and left the mode out is told why production rules apply.
    const modeLeftOut = typeof raw === 'object' && raw !== null && !('mode' in raw);
    const hint = modeLeftOut ? '\n(The file names no "mode", so it is read as a production configuration; a bench setup says "mode": "simulator".)' : '';
    throw new ConfigError(file, `${file} is not a valid kiosk configuration:\n  - ${problems.join('\n  - ')}${hint}`);
  }
  return parsed.data;
}

export interface LoadOptions {
  /**
   * The packaged app (and the deb's service) never runs without a configuration file: only a
   * source checkout falls back to simulator mode when nothing is provisioned.
   */
  readonly requireFile?: boolean;
}

/** Where the configuration is read from: `KIOSK_CONFIG`, or `<data dir>/kiosk-config.json`. */
export function configFileOf(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.KIOSK_CONFIG || join(dataDir, 'kiosk-config.json');
}

/**
 * Loads `KIOSK_CONFIG`, or `<data dir>/kiosk-config.json`. With neither, a source checkout is not
 * provisioned and runs in simulator mode; the packaged app refuses (`requireFile`).
 * `KIOSK_REQUIRE_CONFIG=1` in the environment (the deb's service sets it) requires a file too.
 */
export function loadConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): LoadedConfig {
  const file = configFileOf(dataDir, env);
  if (!existsSync(file)) {
    if (env.KIOSK_CONFIG) throw new ConfigError(file, `KIOSK_CONFIG names ${file}, which does not exist`);
    if (options.requireFile || env.KIOSK_REQUIRE_CONFIG === '1') {
      throw new ConfigError(
        file,
        `${file} does not exist. This terminal is not provisioned: a production kiosk never falls back to simulators. ` +
          'Write the configuration (see docs/deploy.md, "Configuration") and restart the service.',
      );
    }
    return { config: simulatorConfig(), file: null };
  }
  return { config: parseConfig(readFileSync(file, 'utf8'), file), file };
}

/**
 * Reads the configuration again to see whether it would load, without applying it (central's
 * `reload-config`). A host started from a configuration given in code has no file to check.
 */
export function checkConfigFile(dataDir: string, file: string | null, env: NodeJS.ProcessEnv = process.env): { ok: true } | { ok: false; message: string } {
  if (file === null) return { ok: true };
  try {
    loadConfig(dataDir, env, { requireFile: true });
    return { ok: true };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
