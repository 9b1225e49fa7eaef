import { afterEach, describe, expect, it } from 'vitest';
import { CliError, type CliOptions } from '../../../main/cli/cli-types';
import { certificateUnitCommands, simulateCertificateUnit } from '../../../main/cli/devices/certificate-unit';
import { type PtyPair, startPtyPair } from '../../../simulators/pty-pair';
import { recordingCliContext } from '../../support/cli-context';

let pty: PtyPair | undefined;
let stopSim: (() => Promise<unknown>) | undefined;

afterEach(async () => {
  try {
    await stopSim?.();
  } finally {
    stopSim = undefined;
    await pty?.stop();
    pty = undefined;
  }
});

const context = recordingCliContext;

async function command(name: string, options: CliOptions): Promise<unknown> {
  const run = certificateUnitCommands[name];
  if (!run) throw new Error(`no command ${name}`);
  return run(context(options));
}

describe('certificate unit CLI against the simulator on a pty', () => {
  it('status, inventory, dispense, eject, read-permit and errors as JSON', async () => {
    pty = await startPtyPair();
    const [simPath, hostPath] = pty.paths;
    const controller = new AbortController();
    const simContext = context({ port: simPath, fast: true, 'auto-insert': true, 'auto-take-ms': '20' }, controller.signal);
    const running = simulateCertificateUnit(simContext);
    stopSim = async () => {
      controller.abort();
      return running;
    };
    const port = { port: hostPath };

    expect(await command('status', port)).toEqual({
      status: 'online',
      card: 'none',
      stock: 'ok',
      retainBin: 'ok',
      media: 'none',
      firmware: 'CRT591-TB-SIM 1.0',
    });
    expect(await command('inventory', port)).toMatchObject({ slots: 30, empty: [] });
    expect(await command('dispense', { ...port, slot: '7' })).toEqual({ dispensed: 7, card: 'gate' });
    // The simulated citizen takes the certificate 20 ms after it reaches the gate.
    expect(await command('eject', { ...port, timeout: '2000' })).toEqual({ outcome: 'taken' });
    const inventory = await command('inventory', port);
    expect(inventory).toMatchObject({ empty: [7] });
    await expect(command('dispense', { ...port, slot: '7' })).rejects.toMatchObject({ code: 'slot_empty' });
    await expect(command('read-permit', port)).rejects.toMatchObject({ code: 'no_card' });
    await expect(command('dispense', port)).rejects.toBeInstanceOf(CliError);

    const permit = await command('read-permit', { ...port, take: true, timeout: '3000' });
    expect(permit).toMatchObject({
      permitNumber: 'CT0000001',
      nameZh: '测试甲',
      namePinyin: 'CESHI JIA',
      validTo: '2030-12-31',
      endorsements: [{ code: 'G', validity: '1Y', entriesLeft: 2, validTo: '2027-11-30' }],
    });
    expect(await command('capture', port)).toEqual({ retained: true, retainCount: 1 });

    const result = await stopSim();
    stopSim = undefined;
    expect(result).toMatchObject({ stopped: true, state: { location: 'none', retainCount: 1, loadedSlots: 29 } });
    expect(simContext.lines.some((l) => l.includes('inserted test permit'))).toBe(true);
  });

  it('throws offline when nothing answers on the port', async () => {
    pty = await startPtyPair();
    const started = performance.now();
    await expect(command('status', { port: pty.paths[1] })).rejects.toMatchObject({ code: 'offline' });
    expect(performance.now() - started).toBeLessThan(3000);
    await expect(command('status', { port: '/dev/does-not-exist' })).rejects.toMatchObject({ code: 'offline' });
  });
});
