import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../kiosk-config/load';

describe('kiosk configuration', () => {
  it('falls back to simulator defaults when nothing is provisioned', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const { config, file } = loadConfig(dir, {});
    expect(file).toBeNull();
    expect(config.central.mode).toBe('embedded-simulator');
    expect(config.devices.idReader.transport).toBe('simulator');
  });

  it('reads a provisioned file from the data folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(
      join(dir, 'kiosk-config.json'),
      JSON.stringify({ kioskId: 'GD-SZ-0042', devices: { idReader: { transport: 'serial', path: '/dev/ttyUSB0' } } }),
    );
    const { config } = loadConfig(dir, {});
    expect(config.kioskId).toBe('GD-SZ-0042');
    expect(config.devices.idReader).toEqual({ transport: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 });
  });

  it('names every bad field of a malformed file', () => {
    const bad = JSON.stringify({ kioskId: 'guangzhou-1', sync: { batchSize: 9000 } });
    try {
      parseConfig(bad, 'x.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/kioskId: a kiosk id looks like GD-GZ-0001/);
      expect((error as Error).message).toMatch(/sync\.batchSize/);
    }
  });

  it('says so when the file is not JSON at all', () => {
    expect(() => parseConfig('{ kioskId: ', 'broken.json')).toThrow(/broken\.json is not valid JSON/);
  });
});
