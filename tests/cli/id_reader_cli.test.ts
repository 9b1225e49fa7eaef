import { afterEach, describe, expect, it } from 'vitest';
import { type CliContext, CliError, type CliOptions } from '../../main/cli/cli-types';
import { cliCodeFor, idReaderCommands, simulateIdReader } from '../../main/cli/devices/id-reader';
import { openSerialPipe } from '../../drivers/transport/serial-port-pipe';
import { IdReaderSimulator } from '../../simulators/id-reader/simulator';
import { testCards } from '../../simulators/id-reader/test-cards';
import { type PtyPair, startPtyPair } from '../../simulators/pty-pair';
import { recordingCliContext } from '../support/cli-context';

const CONTRACT_KEYS = [
  'cardType',
  'name',
  'nameEn',
  'sex',
  'nation',
  'birthDate',
  'address',
  'idNumber',
  'issuer',
  'validFrom',
  'validTo',
  'permitNumber',
  'issueCount',
  'nationality',
  'photoWlt',
  'fingerprints',
];

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

async function startSim(options: CliOptions): Promise<{ hostPath: string; simContext: CliContext & { lines: string[] } }> {
  pty = await startPtyPair();
  const [simPath, hostPath] = pty.paths;
  const controller = new AbortController();
  const simContext = context({ port: simPath, ...options }, controller.signal);
  const running = simulateIdReader(simContext);
  stopSim = async () => {
    controller.abort();
    return running;
  };
  // The simulator says so once it listens.
  for (let tries = 0; tries < 100 && simContext.lines.length === 0; tries++) await new Promise((r) => setTimeout(r, 10));
  return { hostPath, simContext };
}

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('kiosk device id-reader against `kiosk sim id-reader` on a pty pair', () => {
  it('read prints the decoded card in the contract JSON shape, exactly', async () => {
    const { hostPath, simContext } = await startSim({ card: 'hk-macau-taiwan' });
    expect(simContext.lines[0]).toMatch(/ID reader simulator on serial:\/dev\/pts\/\d+@115200 with hk-macau-taiwan/);
    const card = (await idReaderCommands.read!(context({ port: hostPath }))) as Record<string, unknown>;
    expect(Object.keys(card)).toEqual(CONTRACT_KEYS);
    expect(card).toEqual({
      ...testCards['hk-macau-taiwan'].text,
      photoWlt: Buffer.from(testCards['hk-macau-taiwan'].photoWlt).toString('base64'),
      fingerprints: null,
    });
    expect(await idReaderCommands['sam-id']!(context({ port: hostPath, baud: '115200' }))).toEqual({
      samId: '05000102202611220000000154420001',
    });
    const summary = await stopSim!();
    stopSim = undefined;
    expect(summary).toEqual({ port: pty!.paths[0], stoppedBy: 'signal', card: 'hk-macau-taiwan' });
  });

  it('--fingerprints reads the fingerprint block of the default (resident) card', async () => {
    const { hostPath } = await startSim({});
    const card = (await idReaderCommands.read!(context({ port: hostPath, fingerprints: true }))) as Record<string, unknown>;
    expect(card.cardType).toBe('resident-id');
    expect(card.fingerprints).toBe(Buffer.from(testCards.resident.fingerprints).toString('base64'));
  });

  it('an empty reader is no_card at once without --wait, and after the wait with --wait', async () => {
    const { hostPath } = await startSim({ card: 'none' });
    const started = performance.now();
    const empty = await failure(idReaderCommands.read!(context({ port: hostPath })));
    expect(empty.code).toBe('no_card');
    expect(empty.message).toMatch(/SW3 80/);
    expect(performance.now() - started).toBeLessThan(1500);

    const waitStarted = performance.now();
    const waited = await failure(idReaderCommands.read!(context({ port: hostPath, wait: '0.7' })));
    expect(waited.code).toBe('no_card');
    expect(performance.now() - waitStarted).toBeGreaterThanOrEqual(350);
  });

  it('--wait keeps polling until a card is put on the reader', async () => {
    pty = await startPtyPair();
    const devicePipe = await openSerialPipe({ path: pty.paths[0] });
    const sim = new IdReaderSimulator(devicePipe, { card: null });
    stopSim = () => sim.close();
    setTimeout(() => sim.placeCard('foreign-2017'), 500);
    const readContext = context({ port: pty.paths[1], wait: '5' });
    const started = performance.now();
    const card = (await idReaderCommands.read!(readContext)) as Record<string, unknown>;
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    expect(card).toMatchObject({ cardType: 'foreign-permanent-2017', nameEn: 'TESTER, SAMPLE', nationality: 'USA' });
    expect(readContext.lines).toEqual([`waiting up to 5 s for a card on ${pty.paths[1]}...`]);
  });

  it('a silent port times out; a missing port is open_failed; bad options are usage errors', async () => {
    pty = await startPtyPair();
    // Nothing runs on the other end of this pty.
    const silent = await failure(idReaderCommands.read!(context({ port: pty.paths[1] })));
    expect(silent.code).toBe('timeout');
    const missing = await failure(idReaderCommands.read!(context({ port: '/dev/does-not-exist-reader' })));
    expect(missing.code).toBe('open_failed');
    expect(missing.message).toMatch(/does-not-exist-reader/);
    const hidMissing = await failure(idReaderCommands['sam-id']!(context({ port: '/dev/does-not-exist-hid', transport: 'hid' })));
    expect(hidMissing.code).toBe('open_failed');
    expect((await failure(idReaderCommands.read!(context({})))).code).toBe('usage');
    expect((await failure(idReaderCommands.read!(context({ port: pty.paths[1], transport: 'usb' })))).code).toBe('usage');
    expect((await failure(simulateIdReader(context({ port: pty.paths[0], card: 'passport' })))).code).toBe('usage');
  });

  it('maps driver failures to stable CLI codes, line problems included', () => {
    const code = (reason: Parameters<typeof cliCodeFor>[0]['reason'], link?: 'bad-checksum' | 'noise' | 'partial-frame') =>
      cliCodeFor(link ? { ok: false, reason, message: '', link } : { ok: false, reason, message: '' });
    expect(code('bad-response', 'bad-checksum')).toBe('bad_checksum');
    expect(code('bad-response')).toBe('bad_response');
    expect(code('timeout', 'noise')).toBe('garbage');
    expect(code('timeout', 'partial-frame')).toBe('timeout');
    expect(code('no-card')).toBe('no_card');
    expect(code('offline')).toBe('offline');
    expect(code('sam-error')).toBe('sam_error');
    expect(code('unknown-card-type')).toBe('unknown_card_type');
  });
});
