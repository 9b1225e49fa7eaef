import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseEscPos } from '../../../drivers/printer/codec';
import type { RasterImage, ReceiptElement, TextLine } from '../../../drivers/printer/document';
import { textColumns } from '../../../drivers/printer/text-width';
import { receiptTexts } from '../../../main/host/receipt-texts';
import { PHOTO_BOX, SlipError, temporaryCertificateDocument, temporaryCertificateJob } from '../../../main/host/printing/temporary-certificate';
import { SIMULATED_FACE_JPEG } from '../../../simulators/camera/simulated-camera';
import { SAMPLE_JPEG_BASE64 } from '../../../simulators/central/sample-jpeg';
import { setUpPrinter } from '../../drivers/printer/helpers';
import { certificateFor, HOLDER } from './fixtures';

const t = receiptTexts('zh-CN');
const texts = (elements: readonly ReceiptElement[]): string[] =>
  elements.filter((element): element is TextLine => element.kind === 'text').map((element) => element.text);

function parsedSlip(bytes: Uint8Array) {
  const parsed = parseEscPos(bytes);
  expect(parsed.warnings).toEqual([]);
  expect(parsed.jobs).toHaveLength(1);
  expect(parsed.trailing).toEqual([]);
  return parsed.jobs[0]!.document.elements;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  return Buffer.from(haystack).indexOf(Buffer.from(needle), from);
}

describe('the temporary identity certificate slip', () => {
  const certificate = certificateFor();

  it('prints every field of central\'s certificate, the QR with the verification payload, and the photo', () => {
    const elements = parsedSlip(temporaryCertificateJob(certificate));
    const lines = texts(elements);
    const joined = lines.join('\n');
    expect(lines[0]).toBe('临时身份证明');
    for (const value of [
      HOLDER.name,
      HOLDER.idNumber,
      certificate.certificateNo,
      certificate.issuer,
      '2026.11.23-2026.12.23',
    ]) {
      expect(joined).toContain(value);
    }
    const [year, month, day] = HOLDER.birthDate.split('-').map(Number);
    expect(joined).toContain(`${year}年${month}月${day}日`);
    const sexLine = lines.find((line) => line.includes(t('receipt.temporaryCertificate.sex')));
    expect(sexLine).toContain(HOLDER.sex === 'male' ? '男' : '女');
    for (const label of ['name', 'birthDate', 'idNumber', 'certificateNo', 'validity', 'issuer']) {
      expect(joined).toContain(t(`receipt.temporaryCertificate.${label}`));
    }

    const qrs = elements.filter((element) => element.kind === 'qr');
    expect(qrs).toEqual([expect.objectContaining({ data: certificate.verifyPayload })]);

    const images = elements.filter((element): element is RasterImage => element.kind === 'image');
    // Rules are a few rows; the photo section is the first band taller than the photo box's half.
    const middle = images.find((image) => image.heightDots > PHOTO_BOX.height / 2)!;
    expect(middle).toBeDefined();
    // The photo box's middle (rows 100..160 of the picture, its middle half across) is photo, not paper.
    const from = Math.floor(middle.widthBytes / 4);
    const to = Math.ceil((middle.widthBytes * 3) / 4);
    let black = 0;
    for (let row = 100; row < 160; row += 1) {
      for (let byte = from; byte < to; byte += 1) black += (middle.data[row * middle.widthBytes + byte]!.toString(2).match(/1/g) ?? []).length;
    }
    expect(black / (60 * (to - from) * 8)).toBeGreaterThan(0.05);
  });

  it('lines the values up in one column, and wraps a long issuer under its value within the paper', () => {
    const issuer = '某某省某某市公安局某某区分局某某派出所户籍与出入境管理大队';
    const lines = texts(parsedSlip(temporaryCertificateJob(certificateFor({ issuer }))));
    for (const line of lines) expect(textColumns(line), line).toBeLessThanOrEqual(48);
    const fieldLines = lines.filter((line) => line.startsWith(' '));
    const valueColumn = (line: string): number => textColumns(line) - textColumns(line.replace(/^ +\S+ +/, ''));
    const nameLine = fieldLines.find((line) => line.includes(HOLDER.name))!;
    const idLine = fieldLines.find((line) => line.includes(HOLDER.idNumber))!;
    const numberLine = fieldLines.find((line) => line.includes(certificateFor().certificateNo))!;
    expect(valueColumn(idLine)).toBe(valueColumn(nameLine));
    expect(valueColumn(numberLine)).toBe(valueColumn(nameLine));
    const issuerStart = lines.findIndex((line) => line.includes(t('receipt.temporaryCertificate.issuer')));
    const continued = lines[issuerStart + 1]!;
    expect(textColumns(continued) - textColumns(continued.trimStart())).toBe(valueColumn(nameLine));
    expect((lines[issuerStart]!.replace(/^ +\S+ +/, '') + continued.trim()).startsWith(issuer.slice(0, 20))).toBe(true);
    expect(lines.slice(issuerStart, issuerStart + 3).join('').replace(/\s/g, '')).toContain(issuer);
  });

  it('sends the text as GB18030 in Chinese mode (FS &), leaves it (FS .) before the cut', () => {
    const bytes = temporaryCertificateJob(certificate);
    expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    const chineseOn = indexOfBytes(bytes, Uint8Array.of(0x1c, 0x26));
    const title = indexOfBytes(bytes, iconv.encode('临时身份证明', 'gb18030'));
    expect(chineseOn).toBeGreaterThan(0);
    expect(title).toBeGreaterThan(chineseOn);
    expect(indexOfBytes(bytes, iconv.encode(HOLDER.name, 'gb18030'))).toBeGreaterThan(chineseOn);
    expect(indexOfBytes(bytes, Buffer.from(HOLDER.name, 'utf8'))).toBe(-1);
    const chineseOff = indexOfBytes(bytes, Uint8Array.of(0x1c, 0x2e));
    const cut = indexOfBytes(bytes, Uint8Array.of(0x1d, 0x56, 0x42));
    expect(chineseOff).toBeGreaterThan(title);
    expect(cut).toBeGreaterThan(chineseOff);
  });

  it('prints in Chinese whatever catalogue language it is not told otherwise', () => {
    const lines = texts(parsedSlip(temporaryCertificateJob(certificate)));
    expect(lines).toContain(t('receipt.temporaryCertificate.title'));
    expect(receiptTexts('en')('receipt.temporaryCertificate.title')).not.toBe(lines[0]);
  });

  it('prints the kiosk\'s photo when central has none on record, and refuses with a typed error when there is none', () => {
    const withoutRecord = certificateFor({ photoOnRecord: null });
    const slip = temporaryCertificateDocument(withoutRecord, t, { kioskPhotoJpeg: SIMULATED_FACE_JPEG });
    expect(slip.ok).toBe(true);
    const missing = temporaryCertificateDocument(withoutRecord, t);
    expect(missing).toMatchObject({ ok: false, error: { code: 'photo-missing' } });
    expect(() => temporaryCertificateJob(withoutRecord)).toThrow(SlipError);
  });

  it('prints central\'s tiny sample photo (an 8x8 JPEG) enlarged into the box', () => {
    const slip = temporaryCertificateDocument(certificateFor({ photoOnRecord: SAMPLE_JPEG_BASE64 }));
    expect(slip.ok).toBe(true);
  });

  it('refuses a photo that is not a JPEG and a value with a control character, as typed errors', () => {
    expect(temporaryCertificateDocument(certificateFor({ photoOnRecord: Buffer.from('GIF89a....').toString('base64') }))).toMatchObject({
      ok: false,
      error: { code: 'photo-unreadable' },
    });
    const broken = certificateFor({ holder: { ...certificateFor().holder, name: `${HOLDER.name}\u001b@` } });
    expect(temporaryCertificateDocument(broken)).toMatchObject({ ok: false, error: { code: 'unprintable-text' } });
  });

  it('goes through the driver to the simulated printer and comes out exactly as composed', async () => {
    const { simulator, driver } = setUpPrinter({ maxChunk: 512 });
    const slip = temporaryCertificateDocument(certificate);
    if (!slip.ok) throw slip.error;
    const result = await driver.print(slip.document);
    expect(result).toMatchObject({ ok: true });
    expect(simulator.jobs).toHaveLength(1);
    expect(simulator.jobs[0]).toMatchObject({ complete: true, warnings: [] });
    expect(simulator.jobs[0]!.document).toEqual(slip.document);
    await driver.close();
  });

  it('is reported failed when the paper runs out in the photo, and prints whole again once refilled', async () => {
    const { simulator, driver } = setUpPrinter({ maxChunk: 512 });
    const slip = temporaryCertificateDocument(certificate);
    if (!slip.ok) throw slip.error;
    simulator.paperOutAfter(3000);
    const first = await driver.print(slip.document);
    expect(first).toMatchObject({ ok: false, reason: 'paper-out', sent: true });
    expect(simulator.jobs[0]).toMatchObject({ complete: false });
    simulator.refillPaper();
    expect(await driver.reprintLastFailed()).toMatchObject({ ok: true });
    expect(simulator.jobs.at(-1)).toMatchObject({ complete: true, warnings: [] });
    expect(simulator.jobs.at(-1)!.document).toEqual(slip.document);
    await driver.close();
  });
});
