import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCommand, encodeResponse, scanFrames, toHex } from '../../../drivers/id-reader/codec';
import { IdReaderDriver } from '../../../drivers/id-reader/driver';
import { createInProcessHidPair } from '../../../drivers/transport/hid-pipe';
import { fromReports, HidFrameReassembler, toReports } from '../../../drivers/transport/hid-reports';
import { IdReaderSimulator } from '../../../simulators/id-reader/simulator';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { base64, FAST, onCleanup } from './rig';

/** Reply frames of 8 to ~750 bytes (1 to 12 reports); `size: 'max'` so long ones are common. */
const frameOf = (minData: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: 0xff }), fc.uint8Array({ minLength: minData, maxLength: 740, size: 'max' }))
    .map(([sw3, data]) => encodeResponse(sw3, data));
const frameArb = frameOf(0);

describe('HID report framing (pure)', () => {
  it('the find-card command is one 64-byte report: 00, the 10 frame bytes, zero padding', () => {
    const reports = toReports(encodeCommand(0x20, 0x01));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toHaveLength(64);
    expect(toHex(reports[0]!.subarray(0, 12))).toBe('00 AA AA AA 96 69 00 03 20 01 22 00');
    expect(reports[0]!.subarray(11).every((b) => b === 0)).toBe(true);
  });

  it('any frame: ceil(n / 63) reports of 64 bytes, each starting with report ID 00, reassembled exactly', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        const reports = toReports(frame);
        expect(reports).toHaveLength(Math.ceil(frame.length / 63));
        for (const report of reports) {
          expect(report).toHaveLength(64);
          expect(report[0]).toBe(0x00);
        }
        expect(fromReports(reports)).toEqual(frame);
      }),
    );
  });

  it('a sequence of frames, with junk reports between them, comes back as exactly those frames (padding dropped)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(frameArb, fc.option(fc.uint8Array({ minLength: 1, maxLength: 63 }), { nil: undefined })), {
          minLength: 1,
          maxLength: 5,
        }),
        (items) => {
          const reports: Uint8Array[] = [];
          for (const [frame, junk] of items) {
            // Junk without AA cannot start a preamble; it stands for padding-only or noise reports.
            if (junk) reports.push(...toReports(junk.map((b) => (b === 0xaa ? 0x00 : b))));
            reports.push(...toReports(frame));
          }
          const joined = fromReports(reports);
          const expected = Uint8Array.from(items.flatMap(([frame]) => [...frame]));
          expect(joined).toEqual(expected);
          expect(scanFrames(joined).frames).toHaveLength(items.length);
        },
      ),
    );
  });

  it('delivers at most LEN + 7 bytes of a frame, however the reports are fed', () => {
    fc.assert(
      fc.property(frameArb, fc.integer({ min: 1, max: 64 }), (frame, feedSize) => {
        const reassembler = new HidFrameReassembler();
        let delivered = 0;
        for (const report of toReports(frame)) {
          const payload = report.subarray(1);
          // Feeding a report in pieces must not change anything except where bytes come out.
          for (let at = 0; at < payload.length; at += feedSize) delivered += reassembler.push(payload.subarray(at, at + feedSize)).length;
          if (delivered >= frame.length) break;
        }
        expect(delivered).toBe(frame.length);
        expect(reassembler.inFrame).toBe(false);
      }),
    );
  });

  it('a frame cut off after some reports is abandoned when a new frame starts in the next report', () => {
    fc.assert(
      fc.property(frameOf(60), frameArb, (cut, next) => {
        const cutReports = toReports(cut);
        const kept = cutReports.slice(0, Math.max(1, cutReports.length - 1));
        const joined = fromReports([...kept, ...toReports(next)]);
        // Everything of the cut frame that arrived is passed on, then the next frame whole: the
        // driver's fresh scanner for the next command finds it.
        expect(joined).toHaveLength(kept.length * 63 + next.length);
        expect(joined.subarray(joined.length - next.length)).toEqual(next);
        expect(scanFrames(joined.subarray(kept.length * 63)).frames).toEqual([next.subarray(7, next.length - 1)]);
      }),
    );
  });
});

describe('ID reader over HID reports (in-process HID link)', () => {
  function hidRig() {
    const pair = createInProcessHidPair('reader');
    const sim = new IdReaderSimulator(pair.device);
    const driver = new IdReaderDriver(async () => pair.host, { timeouts: FAST });
    onCleanup(async () => {
      await driver.close();
      await sim.close();
    });
    return { pair, sim, driver };
  }

  it('reads a card with fingerprints: 3 one-report commands, 1 + 1 + 37 reports back, all 64 bytes with ID 00', async () => {
    const { pair, driver } = hidRig();
    const result = await driver.readCard({ withFingerprints: true });
    expect(result.ok && result.value).toMatchObject({
      ...testCards.resident.text,
      photoWlt: base64(testCards.resident.photoWlt),
      fingerprints: base64(testCards.resident.fingerprints),
    });
    const out = pair.reports.filter((r) => r.direction === 'host-to-device');
    const back = pair.reports.filter((r) => r.direction === 'device-to-host');
    expect(out.map((r) => toHex(r.report.subarray(0, 11)))).toEqual([
      '00 AA AA AA 96 69 00 03 20 01 22',
      '00 AA AA AA 96 69 00 03 20 02 21',
      '00 AA AA AA 96 69 00 03 30 10 23',
    ]);
    // find 15 bytes, select 19 bytes, read with fingerprints 2321 bytes = ceil(2321 / 63) = 37 reports.
    expect(back).toHaveLength(1 + 1 + 37);
    for (const { report } of pair.reports) {
      expect(report).toHaveLength(64);
      expect(report[0]).toBe(0x00);
    }
    // The last report of the read carries 2321 - 36 * 63 = 53 frame bytes, then 10 bytes of padding.
    const last = back.at(-1)!.report;
    expect(last.subarray(54).every((b) => b === 0)).toBe(true);
  });

  it('times out cleanly on a half-sent reply over HID, then reads', async () => {
    const { sim, driver } = hidRig();
    sim.injectFault({ kind: 'partial-frame' }, 1, { skip: 2 });
    expect(await driver.readCard()).toMatchObject({ ok: false, reason: 'timeout', link: 'partial-frame' });
    const again = await driver.readCard();
    expect(again.ok && again.value.name).toBe(testCards.resident.text.name);
  });

  it('goes offline when the HID link is severed', async () => {
    const { pair, driver } = hidRig();
    expect((await driver.findCard()).ok).toBe(true);
    pair.host.sever();
    expect(driver.status.status).toBe('offline');
    expect(await driver.findCard()).toMatchObject({ ok: false, reason: 'offline' });
  });
});
