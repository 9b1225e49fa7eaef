/**
 * The idle reader's staff-card watch, through the GA 467 bytes to the reader simulator: a card
 * that stays is seen with find-card only and read in full once; lifted and laid again, or found
 * after the watch looked away, it is read again; a card that does not read is tried a few times
 * and then left until lifted. The commands are counted as the simulator receives them.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameScanner, parseCommand } from '../../../drivers/id-reader/codec';
import { IdReaderDriver } from '../../../drivers/id-reader/driver';
import type { PipeOpener } from '../../../drivers/transport/byte-pipe';
import { StaffCardWatch } from '../../../main/host/maintenance/staff-card-watch';
import { IdReaderSimulator } from '../../../simulators/id-reader/simulator';
import { simulatedIdReaderOpener } from '../../../simulators/id-reader/simulated-opener';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { ManualClock } from '../../support/manual-clock';

const FIND = 0x2001;
const SELECT = 0x2002;
const READ = 0x3001;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function setUp() {
  const sim = new IdReaderSimulator(undefined, { card: null });
  const inner = simulatedIdReaderOpener(sim);
  const sent = new Map<number, number>();
  const scanner = new FrameScanner();
  // Every command frame the driver writes, counted by CMD PARA as the reader would see it.
  const opener: PipeOpener = async () => {
    const link = await inner();
    const write = link.write.bind(link);
    link.write = async (bytes: Uint8Array) => {
      for (const body of scanner.push(bytes).frames) {
        const command = parseCommand(body);
        if (command) sent.set((command.cmd << 8) | command.para, (sent.get((command.cmd << 8) | command.para) ?? 0) + 1);
      }
      return write(bytes);
    };
    return link;
  };
  const driver = new IdReaderDriver(opener, { timeouts: { findMs: 1000, readMs: 2000, readFingerprintMs: 2000 } });
  closers.push(async () => {
    await driver.close();
    await sim.close();
  });
  const state = { active: true, cards: [] as string[] };
  const watch = new StaffCardWatch({
    idReader: driver,
    clock: new ManualClock(0),
    log: pino({ level: 'silent' }),
    active: () => state.active,
    onCard: (idNumber) => state.cards.push(idNumber),
  });
  const polls = async (n: number) => {
    for (let i = 0; i < n; i++) await watch.poll();
  };
  return { sim, sent, state, polls, count: (command: number) => sent.get(command) ?? 0 };
}

const officer = testCards['staff-officer'].text.idNumber;
const auxiliary = testCards['staff-auxiliary'].text.idNumber;

describe('staff-card watch on the idle reader', () => {
  it('a card that stays is found at every poll and read in full once', async () => {
    const { sim, state, polls, count } = setUp();
    await polls(3);
    expect(count(FIND)).toBe(3);
    expect(count(READ)).toBe(0);
    sim.placeCard('staff-officer');
    await polls(10);
    // Ten polls' find-card, and the one full read's own find, select, read.
    expect(count(FIND)).toBe(3 + 10 + 1);
    expect(count(SELECT)).toBe(1);
    expect(count(READ)).toBe(1);
    expect(state.cards).toEqual([officer]);
  });

  it('lifted and laid again, the card is read and acted on again', async () => {
    const { sim, state, polls, count } = setUp();
    sim.placeCard('staff-officer');
    await polls(2);
    sim.removeCard();
    await polls(1);
    sim.placeCard('staff-auxiliary');
    await polls(2);
    sim.removeCard();
    await polls(1);
    sim.placeCard('staff-officer');
    await polls(2);
    expect(count(READ)).toBe(3);
    expect(state.cards).toEqual([officer, auxiliary, officer]);
  });

  it('after looking away (a session, maintenance), the card there is read once, and acted on only if it is another', async () => {
    const { sim, state, polls, count } = setUp();
    sim.placeCard('staff-officer');
    await polls(1);
    state.active = false;
    await polls(3);
    state.active = true;
    await polls(3);
    // Read again on return, but the same card as before: not acted on twice.
    expect(count(READ)).toBe(2);
    expect(state.cards).toEqual([officer]);

    state.active = false;
    await polls(1);
    sim.placeCard('staff-auxiliary');
    state.active = true;
    await polls(3);
    expect(count(READ)).toBe(3);
    expect(state.cards).toEqual([officer, auxiliary]);
  });

  it('a card that does not read is tried three times, then left alone until it is lifted', async () => {
    const { sim, state, polls, count } = setUp();
    sim.injectFault({ kind: 'read-failed' });
    sim.placeCard('staff-officer');
    await polls(8);
    expect(count(READ)).toBe(3);
    expect(state.cards).toEqual([]);
    sim.clearFault();
    sim.removeCard();
    await polls(1);
    sim.placeCard('staff-officer');
    await polls(2);
    expect(count(READ)).toBe(4);
    expect(state.cards).toEqual([officer]);
  });
});
