/**
 * Where the maintenance export goes: a configured folder first, the simulator's folder next, else
 * the first writable file system mounted under /media (read from /proc/mounts, with its octal
 * escapes), and what the export folder holds.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExportTarget, writeExport } from '../../../main/host/maintenance/usb-export';

function media(lines: (root: string) => string[]): { mediaRoot: string; mountsFile: string } {
  const root = mkdtempSync(join(tmpdir(), 'media-'));
  const mountsFile = join(root, 'mounts');
  writeFileSync(mountsFile, `${lines(root).join('\n')}\n`);
  return { mediaRoot: root, mountsFile };
}

describe('export target', () => {
  it('takes a configured folder, then the simulator folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    expect(await findExportTarget({ configured: join(dir, 'configured'), simulatorFolder: join(dir, 'sim') })).toBe(join(dir, 'configured'));
    expect(await findExportTarget({ simulatorFolder: join(dir, 'sim') })).toBe(join(dir, 'sim'));
  });

  it('finds the first writable stick mounted under /media, skipping read-only mounts and other file systems', async () => {
    const { mediaRoot, mountsFile } = media((root) => [
      '/dev/sda2 / ext4 rw,relatime 0 0',
      `/dev/sdb1 ${root}/kiosk/OLD\\040STICK vfat ro,nosuid 0 0`,
      `/dev/sdc1 ${root}/kiosk/NEW\\040STICK vfat rw,nosuid,nodev 0 0`,
    ]);
    mkdirSync(join(mediaRoot, 'kiosk', 'OLD STICK'), { recursive: true });
    mkdirSync(join(mediaRoot, 'kiosk', 'NEW STICK'), { recursive: true });
    expect(await findExportTarget({ mediaRoot, mountsFile })).toBe(join(mediaRoot, 'kiosk', 'NEW STICK'));
  });

  it('finds nothing when no stick is mounted, or the only one is not there to write to', async () => {
    expect(await findExportTarget(media(() => ['/dev/sda2 / ext4 rw 0 0']))).toBeNull();
    // Listed as mounted but the mount point is missing (pulled out a moment ago).
    expect(await findExportTarget(media((root) => [`/dev/sdc1 ${root}/gone vfat rw 0 0`]))).toBeNull();
    expect(await findExportTarget({ mediaRoot: '/media', mountsFile: '/nonexistent/mounts' })).toBeNull();
  });

  it('writes the summary and the log into a folder named after the kiosk and the time', async () => {
    const stick = mkdtempSync(join(tmpdir(), 'stick-'));
    const result = await writeExport(stick, { kioskId: 'GD-GZ-0001', nowMs: Date.parse('2026-03-02T06:30:00Z'), days: 7, summary: { transactions: [] } });
    expect(result.folder).toBe(join(stick, 'tongban-GD-GZ-0001-2026-03-02T063000Z'));
    expect(result.files).toEqual(['journal-summary.json', 'kiosk.log']);
    expect(JSON.parse(readFileSync(join(result.folder, 'journal-summary.json'), 'utf8'))).toEqual({
      kioskId: 'GD-GZ-0001',
      exportedAt: '2026-03-02T06:30:00.000Z',
      days: 7,
      transactions: [],
    });
  });
});
