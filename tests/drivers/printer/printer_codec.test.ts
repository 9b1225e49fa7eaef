import { describe, expect, it } from 'vitest';
import {
  decodeStatusReply,
  encodeDocument,
  encodeStatusReply,
  parseEscPos,
  statusRequest,
} from '../../../drivers/printer/codec';
import { checkDocument, cut, feed, qr, receipt, text } from '../../../drivers/printer/document';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('ESC/POS encoding follows the contract byte for byte', () => {
  it('encodes init, Chinese mode, alignment, bold, size, GB18030 text, feed and partial cut', () => {
    const bytes = encodeDocument({
      elements: [text('通办', { align: 'centre', bold: true, doubleSize: true }), feed(2), cut(3)],
    });
    expect(hex(bytes)).toBe(
      ['1b40', '1b6101', '1b4501', '1d2111', '1c26', 'cda8b0ec', '0a', '1b6402', '1c2e', '1d564203'].join(''),
    );
  });

  it('sends only mode changes and returns to normal between lines', () => {
    const bytes = encodeDocument(receipt([text('A', { bold: true }), text('B', { bold: true }), text('C')], 0));
    expect(hex(bytes)).toBe(['1b40', '1b4501', '1c26', '410a', '420a', '1b4500', '430a', '1c2e', '1d564200'].join(''));
  });

  it('encodes a QR code as model 2, module size, EC level, store with pL pH = k + 3, print', () => {
    const data = 'x'.repeat(300);
    const bytes = encodeDocument({ elements: [qr(data, { moduleSize: 8, errorCorrection: 'H', align: 'left' })] });
    const k = 300 + 3;
    expect(hex(bytes)).toBe(
      [
        '1b40',
        '1d286b0400314132' + '00',
        '1d286b0300314308',
        '1d286b0300314533',
        `1d286b${(k & 0xff).toString(16).padStart(2, '0')}${(k >> 8).toString(16).padStart(2, '0')}315030`,
        '78'.repeat(300),
        '1d286b0300315130',
      ].join(''),
    );
  });

  it('requests status with DLE EOT n', () => {
    expect(hex(statusRequest(4))).toBe('100404');
  });
});

describe('DLE EOT replies', () => {
  it('decodes the whole-byte paper values seen in practice', () => {
    expect(decodeStatusReply(4, 0x12)).toEqual({ ok: true, value: { n: 4, nearEnd: false, paperEnd: false } });
    expect(decodeStatusReply(4, 0x1e)).toEqual({ ok: true, value: { n: 4, nearEnd: true, paperEnd: false } });
    expect(decodeStatusReply(4, 0x72)).toEqual({ ok: true, value: { n: 4, nearEnd: false, paperEnd: true } });
  });

  it('decodes each documented bit of n=1..3', () => {
    expect(decodeStatusReply(1, 0x1a)).toEqual({ ok: true, value: { n: 1, offline: true } });
    expect(decodeStatusReply(2, 0x16)).toEqual({
      ok: true,
      value: { n: 2, coverOpen: true, stoppedByPaperEnd: false, errorOccurred: false },
    });
    expect(decodeStatusReply(2, 0x72)).toEqual({
      ok: true,
      value: { n: 2, coverOpen: false, stoppedByPaperEnd: true, errorOccurred: true },
    });
    expect(decodeStatusReply(3, 0x1e)).toEqual({
      ok: true,
      value: { n: 3, mechanical: true, autocutter: true, unrecoverable: false, autoRecoverable: false },
    });
    expect(decodeStatusReply(3, 0x72)).toEqual({
      ok: true,
      value: { n: 3, mechanical: false, autocutter: false, unrecoverable: true, autoRecoverable: true },
    });
  });

  it('rejects bytes that break the fixed bits as garbage, not as a status', () => {
    for (const byte of [0x00, 0x13, 0x92, 0x02, 0x10, 0xff]) {
      const decoded = decodeStatusReply(1, byte);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.error).toMatchObject({ code: 'garbage', byte });
    }
  });

  it('rejects an n outside 1..4 as a bad request', () => {
    const decoded = decodeStatusReply(5, 0x12);
    expect(decoded.ok ? undefined : decoded.error.code).toBe('bad-request');
  });

  it('encodes out-of-paper as 72 and near-end as 1E (device side)', () => {
    expect(encodeStatusReply({ n: 4, nearEnd: true, paperEnd: true })).toBe(0x72);
    expect(encodeStatusReply({ n: 4, nearEnd: true, paperEnd: false })).toBe(0x1e);
    expect(encodeStatusReply({ n: 1, offline: false })).toBe(0x12);
  });
});

describe('stream parser', () => {
  it('parses a job and reports status requests found between commands', () => {
    const job = encodeDocument(receipt([text('凭条')], 1));
    const stream = Uint8Array.from([0x10, 0x04, 0x01, ...job, 0x10, 0x04, 0x04]);
    const parsed = parseEscPos(stream);
    expect(parsed.statusRequests).toEqual([1, 4]);
    expect(parsed.jobs.map((j) => j.document)).toEqual([receipt([text('凭条')], 1)]);
    expect(parsed.warnings).toEqual([]);
  });

  it('skips unknown commands with a warning and keeps the rest of the job', () => {
    const stream = Uint8Array.from([0x1b, 0x40, 0x1b, 0x21, 0x08, 0x07, 0x41, 0x0a, 0x1d, 0x56, 0x42, 0x00]);
    const parsed = parseEscPos(stream);
    expect(parsed.jobs[0]?.document).toEqual(receipt([text('A')], 0));
    expect(parsed.jobs[0]?.warnings).toHaveLength(2);
  });

  it('does not let a corrupted QR length swallow the following job', () => {
    const next = encodeDocument(receipt([text('after')], 0));
    const parsed = parseEscPos(Uint8Array.from([0x1d, 0x28, 0x6b, 0xff, 0xff, ...next]));
    expect(parsed.jobs.map((j) => j.document)).toEqual([receipt([text('after')], 0)]);
  });

  it('takes DLE EOT bytes inside QR data as data, not as a status request', () => {
    const doc = receipt([qr('a\u0010\u0004\u0001b')]);
    const parsed = parseEscPos(encodeDocument(doc));
    expect(parsed.statusRequests).toEqual([]);
    expect(parsed.jobs[0]?.document).toEqual(doc);
  });
});

describe('document checks', () => {
  it('refuses control characters, text GB18030 cannot carry, bad sizes and misplaced cuts', () => {
    expect(checkDocument(receipt([text('a\nb')])).ok).toBe(false);
    expect(checkDocument(receipt([text('\uE5E5')])).ok).toBe(false);
    expect(checkDocument(receipt([qr('x', { moduleSize: 17 })])).ok).toBe(false);
    expect(checkDocument(receipt([qr('')])).ok).toBe(false);
    expect(checkDocument({ elements: [cut(1), text('late')] }).ok).toBe(false);
    expect(checkDocument({ elements: [text('no cut')] }).ok).toBe(false);
    expect(checkDocument(receipt([text('通办 ok')])).ok).toBe(true);
  });
});
