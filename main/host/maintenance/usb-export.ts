import { execFile } from 'node:child_process';
import { constants, existsSync, readFileSync } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The systemd unit of the packaged kiosk (main/shell/packaging/tongban-kiosk.service). */
const UNIT = 'tongban-kiosk.service';
const MAX_LOG_BYTES = 64 * 1024 * 1024;

export interface ExportTargetOptions {
  /** A folder named by the caller (KIOSK_EXPORT_DIR): always used when given. */
  readonly configured?: string;
  /** Simulator mode: a folder in the data dir stands in for the stick. */
  readonly simulatorFolder?: string;
  /** /proc/mounts and /media, for tests. */
  readonly mountsFile?: string;
  readonly mediaRoot?: string;
}

/** Undoes the octal escapes /proc/mounts uses for spaces and the like in mount points. */
const unescapeMount = (path: string): string => path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

/**
 * Where an export goes: the configured folder, else the simulator's folder, else the first
 * writable file system mounted under /media (a USB stick the desktop or udisks mounted), or null.
 */
export async function findExportTarget(options: ExportTargetOptions): Promise<string | null> {
  if (options.configured) return options.configured;
  if (options.simulatorFolder) {
    await mkdir(options.simulatorFolder, { recursive: true });
    return options.simulatorFolder;
  }
  const mountsFile = options.mountsFile ?? '/proc/mounts';
  const mediaRoot = `${options.mediaRoot ?? '/media'}/`;
  if (!existsSync(mountsFile)) return null;
  const mounts = readFileSync(mountsFile, 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter((fields) => fields.length >= 4 && !fields[3]!.split(',').includes('ro'))
    .map((fields) => unescapeMount(fields[1]!))
    .filter((mount) => mount.startsWith(mediaRoot));
  for (const mount of mounts) {
    try {
      await access(mount, constants.W_OK);
      return mount;
    } catch {
      // not writable by the kiosk user: the next one
    }
  }
  return null;
}

/** The kiosk's own log lines of the last days from journald, when the host runs under systemd. */
async function journaldLines(days: number): Promise<string | null> {
  try {
    const { stdout } = await run('journalctl', ['--unit', UNIT, '--since', `-${days}d`, '--output', 'short-iso', '--no-pager'], {
      timeout: 30_000,
      maxBuffer: MAX_LOG_BYTES,
    });
    return stdout;
  } catch {
    return null;
  }
}

export interface ExportContent {
  readonly kioskId: string;
  readonly nowMs: number;
  readonly days: number;
  /** The journal summary and queue counts: numbers only. */
  readonly summary: unknown;
}

export interface ExportResult {
  readonly folder: string;
  readonly files: string[];
}

/**
 * Writes one export folder on the target: the journal summary (no personal data: counts per day,
 * kind and state) and the host's log of the same days (already masked by the logger). Throws when
 * the target cannot be written; the caller turns that into a message for the technician.
 */
export async function writeExport(target: string, content: ExportContent): Promise<ExportResult> {
  const stamp = new Date(content.nowMs).toISOString().replaceAll(':', '').replace(/\.\d+Z$/, 'Z');
  const folder = join(target, `tongban-${content.kioskId}-${stamp}`);
  await mkdir(folder, { recursive: true });
  const files = ['journal-summary.json'];
  await writeFile(join(folder, 'journal-summary.json'), `${JSON.stringify({ kioskId: content.kioskId, exportedAt: new Date(content.nowMs).toISOString(), days: content.days, ...(content.summary as object) }, null, 2)}\n`);
  const logs = await journaldLines(content.days);
  const logText = logs ?? `# no journald log for ${UNIT} on this machine (not running under systemd); the host logs to stderr\n`;
  await writeFile(join(folder, 'kiosk.log'), logText);
  files.push('kiosk.log');
  return { folder, files };
}
