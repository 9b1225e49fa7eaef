import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigFile, ConfigError, loadConfig, parseConfig } from '../../kiosk-config/load';

const serial = (path: string) => ({ transport: 'serial', path });
/** A complete production configuration (made-up ports and secret). */
const production = {
  kioskId: 'GD-SZ-0042',
  central: { mode: 'remote', baseUrl: 'https://central.example.invalid', secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg==' },
  devices: { idReader: serial('/dev/ttyUSB0'), printer: serial('/dev/ttyUSB1'), certificateUnit: { ...serial('/dev/ttyUSB2'), addr: 3 } },
};

function problems(config: unknown): string {
  try {
    parseConfig(JSON.stringify(config), 'kiosk-config.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('kiosk configuration', () => {
  it('runs a source checkout with nothing provisioned in simulator mode, with no secret of its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const { config, file } = loadConfig(dir, {});
    expect(file).toBeNull();
    expect(config.mode).toBe('simulator');
    expect(config.central).toEqual({ mode: 'embedded-simulator' });
    expect(config.devices.idReader.transport).toBe('simulator');
  });

  it('refuses to start the packaged kiosk without a configuration file, and says what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    expect(() => loadConfig(dir, {}, { requireFile: true })).toThrow(/not provisioned.*never falls back to simulators/s);
    expect(() => loadConfig(dir, { KIOSK_REQUIRE_CONFIG: '1' })).toThrow(ConfigError);
  });

  it('reads a provisioned production file from the data folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'kiosk-config.json'), JSON.stringify(production));
    const { config } = loadConfig(dir, {}, { requireFile: true });
    expect(config.mode).toBe('production');
    expect(config.kioskId).toBe('GD-SZ-0042');
    expect(config.devices.idReader).toEqual({ transport: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 });
  });

  it('takes a file without a mode as production, and names everything a production terminal lacks at once', () => {
    const message = problems({ devices: { idReader: serial('/dev/ttyUSB0') } });
    expect(message).toMatch(/kioskId: production mode needs the kiosk id/);
    expect(message).toMatch(/central: production mode needs a remote central/);
    expect(message).toMatch(/devices\.printer: production mode needs this device/);
    expect(message).toMatch(/devices\.certificateUnit: production mode needs this device/);
    expect(message).not.toMatch(/devices\.idReader/);
    expect(message).toMatch(/names no "mode", so it is read as a production configuration/);
  });

  it('never lets a production terminal use a simulated device or the embedded central', () => {
    const simulatedPrinter = { ...production, devices: { ...production.devices, printer: { transport: 'simulator' } } };
    expect(problems(simulatedPrinter)).toMatch(/devices\.printer\.transport: production mode cannot use a simulated device/);
    expect(problems({ ...production, central: { mode: 'embedded-simulator' } })).toMatch(/central\.mode: production mode cannot use the embedded central/);
  });

  it('keeps simulator mode with a remote (staging) central possible, when said out loud', () => {
    const config = parseConfig(JSON.stringify({ mode: 'simulator', central: production.central }), 'x.json');
    expect(config.central.mode).toBe('remote');
    expect(config.devices.printer.transport).toBe('simulator');
  });

  it("checks a changed file for central's reload-config without applying it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'kiosk-config.json');
    writeFileSync(file, JSON.stringify(production));
    expect(checkConfigFile(dir, file, {})).toEqual({ ok: true });
    writeFileSync(file, JSON.stringify({ ...production, central: undefined }));
    expect(checkConfigFile(dir, file, {})).toMatchObject({ ok: false, message: expect.stringMatching(/central: production mode needs a remote central/) });
  });

  it('names every bad field of a malformed file', () => {
    const bad = JSON.stringify({ mode: 'simulator', kioskId: 'guangzhou-1', sync: { batchSize: 9000 } });
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
