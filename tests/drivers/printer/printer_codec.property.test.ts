import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeStatusReply, encodeDocument, encodeStatusReply, parseEscPos } from '../../../drivers/printer/codec';
import {
  type Alignment,
  checkDocument,
  checkText,
  type QrErrorCorrection,
  type ReceiptDocument,
  type ReceiptElement,
} from '../../../drivers/printer/document';
import { EscPosStreamParser, type ParseEvent } from '../../../drivers/printer/stream-parser';
import type { StatusReply } from '../../../drivers/printer/types';

const alignment = fc.constantFrom<Alignment>('left', 'centre', 'right');
const ecLevel = fc.constantFrom<QrErrorCorrection>('L', 'M', 'Q', 'H');
/** Any Unicode text the printer can carry exactly (the codec's own check decides). */
const printableText = fc
  .oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('通办 自助终端 测试页', '受理编号：TB-001'))
  .filter((value) => checkText(value).ok);

const bodyElement: fc.Arbitrary<Exclude<ReceiptElement, { kind: 'cut' }>> = fc.oneof(
  fc.record({
    kind: fc.constant('text' as const),
    text: printableText,
    align: alignment,
    bold: fc.boolean(),
    doubleSize: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('feed' as const), lines: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('qr' as const),
    data: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
    moduleSize: fc.integer({ min: 1, max: 16 }),
    errorCorrection: ecLevel,
    align: alignment,
  }),
  // Raster images (GS v 0): any dots, including bytes that look like commands (0x0a, 0x1b, 0x1d).
  fc
    .record({ widthBytes: fc.integer({ min: 1, max: 72 }), heightDots: fc.integer({ min: 1, max: 8 }), align: alignment })
    .chain(({ widthBytes, heightDots, align }) =>
      fc
        .uint8Array({ minLength: widthBytes * heightDots, maxLength: widthBytes * heightDots })
        .map((data) => ({ kind: 'image' as const, widthBytes, heightDots, data, align })),
    ),
);

const documentArb: fc.Arbitrary<ReceiptDocument> = fc
  .record({ body: fc.array(bodyElement, { maxLength: 12 }), feedLines: fc.integer({ min: 0, max: 255 }) })
  .map(({ body, feedLines }) => ({ elements: [...body, { kind: 'cut' as const, feedLines }] }))
  .filter((document) => checkDocument(document).ok);

/** Cuts bytes into chunks at the given (sorted, deduplicated) positions. */
function splitAt(bytes: Uint8Array, positions: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(positions.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(start, cut));
    start = cut;
  }
  return chunks;
}

function eventsOf(chunks: readonly Uint8Array[]): ParseEvent[] {
  const parser = new EscPosStreamParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

describe('codec properties', () => {
  it('document -> bytes -> parse gives back exactly the document, with no warnings', () => {
    fc.assert(
      fc.property(documentArb, (document) => {
        const parsed = parseEscPos(encodeDocument(document));
        expect(parsed.jobs).toHaveLength(1);
        expect(parsed.jobs[0]?.document).toEqual(document);
        expect(parsed.warnings).toEqual([]);
        expect(parsed.trailing).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('parsing is the same whatever the split points of the stream', () => {
    fc.assert(
      fc.property(documentArb, fc.array(fc.nat(), { maxLength: 20 }), (document, positions) => {
        const bytes = encodeDocument(document);
        expect(eventsOf(splitAt(bytes, positions))).toEqual(eventsOf([bytes]));
      }),
      { numRuns: 200 },
    );
  });

  it('several jobs and interleaved status requests all come back in order', () => {
    fc.assert(
      fc.property(fc.array(documentArb, { minLength: 1, maxLength: 4 }), (documents) => {
        const bytes = documents.flatMap((document) => [0x10, 0x04, 0x02, ...encodeDocument(document)]);
        const parsed = parseEscPos(Uint8Array.from(bytes));
        expect(parsed.jobs.map((job) => job.document)).toEqual(documents);
        expect(parsed.statusRequests).toEqual(documents.map(() => 2));
      }),
      { numRuns: 100 },
    );
  });

  it('random bytes never make the parser throw, whole or split', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(), { maxLength: 10 }), (bytes, positions) => {
        const whole = eventsOf([bytes]);
        expect(eventsOf(splitAt(bytes, positions))).toEqual(whole);
        expect(() => parseEscPos(bytes)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('random garbage before a job does not stop the job after an initialise from being parsed', () => {
    // Line noise of text and stray control bytes. A dangling command prefix (ESC, FS, GS, DLE)
    // would legitimately take the next bytes as its parameters, as a real printer does.
    const prefixes = new Set([0x10, 0x1b, 0x1c, 0x1d]);
    const stable = fc.uint8Array({ maxLength: 60 }).map((bytes) => bytes.filter((byte) => !prefixes.has(byte)));
    fc.assert(
      fc.property(stable, documentArb, (garbage, document) => {
        const parsed = parseEscPos(Uint8Array.from([...garbage, ...encodeDocument(document)]));
        expect(parsed.jobs.at(-1)?.document).toEqual(document);
      }),
      { numRuns: 200 },
    );
  });

  it('status decode returns a typed result for every byte and n, and garbage exactly when fixed bits break', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2, max: 300 }), fc.integer({ min: 0, max: 6 }), (byte, n) => {
        const decoded = decodeStatusReply(n, byte);
        const fixedOk = byte >= 0 && byte <= 255 && (byte & 0x93) === 0x12;
        if (!fixedOk) expect(decoded).toMatchObject({ ok: false, error: { code: 'garbage' } });
        else if (n < 1 || n > 4) expect(decoded).toMatchObject({ ok: false, error: { code: 'bad-request' } });
        else expect(decoded.ok).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('device-side status bytes decode back to the same reply', () => {
    const reply: fc.Arbitrary<StatusReply> = fc.oneof(
      fc.record({ n: fc.constant(1 as const), offline: fc.boolean() }),
      fc.record({
        n: fc.constant(2 as const),
        coverOpen: fc.boolean(),
        stoppedByPaperEnd: fc.boolean(),
        errorOccurred: fc.boolean(),
      }),
      fc.record({
        n: fc.constant(3 as const),
        mechanical: fc.boolean(),
        autocutter: fc.boolean(),
        unrecoverable: fc.boolean(),
        autoRecoverable: fc.boolean(),
      }),
      // When the paper is out the near-end bits are not sent (72), so they are not round-tripped.
      fc.record({ n: fc.constant(4 as const), nearEnd: fc.boolean(), paperEnd: fc.constant(false) }),
      fc.record({ n: fc.constant(4 as const), nearEnd: fc.constant(false), paperEnd: fc.constant(true) }),
    );
    fc.assert(
      fc.property(reply, (value) => {
        expect(decodeStatusReply(value.n, encodeStatusReply(value))).toEqual({ ok: true, value });
      }),
    );
  });
});
