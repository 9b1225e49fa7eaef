/**
 * The printed slips as paper: the bytes go through the printer simulator, are rendered to a PNG in
 * headless Chromium and read back (text from the simulator's model, QR decoded from the pixels,
 * the photo box from the pixels). The PNGs are kept in test-results/temporary-certificate/.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDocument } from '../../../drivers/printer/codec';
import { endorsementReceipt, failureReceipt } from '../../../main/host/flows/endorsement/receipt';
import type { EndorsementContext } from '../../../main/host/flows/endorsement/types';
import { PHOTO_BOX, temporaryCertificateDocument, temporaryCertificateJob } from '../../../main/host/printing/temporary-certificate';
import { receiptTexts } from '../../../main/host/receipt-texts';
import type { PaperBox } from '../../../simulators/printer/render';
import { SIMULATED_FACE_JPEG } from '../../../simulators/camera/simulated-camera';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';
import { personIdFor } from '../../../simulators/central/test-registry';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { launchChromium } from '../../support/chromium';
import { renderPrintedDocumentToPng, renderPrintedJobToPng } from '../../support/printed-image';
import { startCentral, value } from '../../simulators/central/rig';
import { certificateFor, HOLDER, syntheticJpeg } from './fixtures';

const OUT = join(import.meta.dirname, '..', '..', '..', 'test-results', 'temporary-certificate');
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** The middle of the photo box (well inside its border), in the image band that holds it. */
function insidePhotoBox(band: PaperBox): PaperBox {
  return { ...band, x: band.x + (band.width - PHOTO_BOX.width) / 2 + 20, y: band.y + 40, width: PHOTO_BOX.width - 40, height: 160 };
}

describe('the temporary identity certificate on paper', () => {
  it('shows every field, a QR that decodes to the verification payload, and a photo in the photo box', async () => {
    const certificate = certificateFor();
    const printed = await renderPrintedJobToPng(temporaryCertificateJob(certificate), { browser });
    writeFileSync(join(OUT, 'temporary-certificate.png'), printed.png);
    writeFileSync(join(OUT, 'temporary-certificate.txt'), printed.text);

    expect(printed.warnings).toEqual([]);
    expect(printed.lines[0]).toBe('临时身份证明');
    for (const value of [HOLDER.name, HOLDER.idNumber, certificate.certificateNo, certificate.issuer, '2026.11.23-2026.12.23']) {
      expect(printed.text).toContain(value);
    }
    expect(printed.qrPayloads).toEqual([certificate.verifyPayload]);

    // The photo box: the image band that holds it, at the box's place in the middle of the paper.
    const images = printed.boxes.filter((box) => box.kind === 'image');
    const photoBand = images.find((box) => box.height > PHOTO_BOX.height / 2)!;
    expect(photoBand).toBeDefined();
    const share = printed.darkShare(insidePhotoBox(photoBand));
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.95);
    // Beside the photo box the paper is blank: the photo is where the box is, not smeared across.
    expect(printed.darkShare({ x: photoBand.x - 140, y: photoBand.y + 40, width: 100, height: 160 })).toBe(0);
  });

  it('finds a blank photo box blank, so the check above can fail', async () => {
    const white = Buffer.from(syntheticJpeg(358, 441, () => 255)).toString('base64');
    const printed = await renderPrintedJobToPng(temporaryCertificateJob(certificateFor({ photoOnRecord: white })), { browser });
    const photoBand = printed.boxes.find((box) => box.kind === 'image' && box.height > PHOTO_BOX.height / 2)!;
    expect(printed.darkShare(insidePhotoBox(photoBand))).toBe(0);
    // The QR still decodes; a payload that is not there would not.
    expect(printed.qrPayloads).toEqual([certificateFor().verifyPayload]);
  });
});

describe('what the central simulator issues, on paper', () => {
  it('prints central\'s certificate with its photo on record, and one without a photo on record with the kiosk\'s photo', async () => {
    const { api } = await startCentral();
    const issue = async (card: 'resident' | 'resident-elderly', applicationNo: string) =>
      value(await api.issueTemporaryCertificate({ sessionId: randomUUID(), personId: personIdFor(testCards[card].text.idNumber), applicationNo }, randomUUID()));
    const withRecord = await issue('resident', 'GD-GZ-0001-20260301-1');
    const without = await issue('resident-elderly', 'GD-GZ-0001-20260301-2');
    expect(without.photoOnRecord).toBeNull();

    for (const [certificate, options, file] of [
      [withRecord, {}, 'central-certificate.png'],
      [without, { kioskPhotoJpeg: SIMULATED_FACE_JPEG }, 'central-certificate-kiosk-photo.png'],
    ] as const) {
      const slip = temporaryCertificateDocument(certificate, undefined, options);
      if (!slip.ok) throw slip.error;
      const printed = await renderPrintedDocumentToPng(slip.document, { browser });
      writeFileSync(join(OUT, file), printed.png);
      expect(printed.text).toContain(certificate.holder.idNumber);
      expect(printed.text).toContain(certificate.certificateNo);
      expect(printed.qrPayloads).toEqual([certificate.verifyPayload]);
      const photoBand = printed.boxes.find((box) => box.kind === 'image' && box.height > PHOTO_BOX.height / 2)!;
      expect(printed.darkShare(insidePhotoBox(photoBand))).toBeGreaterThan(0.05);
    }
  });
});

describe('the endorsement receipts on paper', () => {
  const permit = TEST_PERMITS[0]!.record;
  const context: EndorsementContext = {
    sessionId: 'session-1',
    kioskId: 'GD-GZ-0001',
    startedAtMs: Date.parse('2026-11-23T02:15:00Z'),
    transactionNo: 'GD-GZ-0001-20261123-7F3A2C',
    permitIn: true,
    permit: { number: permit.permitNumber, nameZh: permit.nameZh, uid: '04A1B2C3' },
    chosen: { code: 'G', validity: '3M', entries: 1, feeFen: 1500 },
    payment: { paymentId: 'pay-1', qrPayload: 'https://pay.sim.invalid/pay-1', expiresAtMs: Date.parse('2026-11-23T02:20:00Z'), amountFen: 1500 },
    paid: true,
    refunded: false,
    written: true,
    cardBackPrinted: true,
    permitFate: 'taken',
    receiptPrinted: false,
    paymentSettled: true,
  };
  const t = receiptTexts('zh-CN');

  it('prints the delivered endorsement receipt with its transaction number as text and as a QR', async () => {
    const printed = await renderPrintedJobToPng(encodeDocument(endorsementReceipt(context, t)), { browser });
    writeFileSync(join(OUT, 'endorsement-receipt.png'), printed.png);
    expect(printed.warnings).toEqual([]);
    expect(printed.lines).toContain(t('receipt.endorsementTitle'));
    expect(printed.text).toContain(context.transactionNo);
    expect(printed.qrPayloads).toEqual([context.transactionNo]);
  });

  it('prints the refund receipt of a paid endorsement that was not delivered', async () => {
    const failed = { ...context, written: false, refunded: true, failureKey: 'errors.writeFailed' };
    const printed = await renderPrintedDocumentToPng(failureReceipt(failed, t), { browser });
    writeFileSync(join(OUT, 'endorsement-refund-receipt.png'), printed.png);
    expect(printed.lines).toContain(t('receipt.failureTitle'));
    expect(printed.text).toContain('15.00');
    expect(printed.qrPayloads).toEqual([context.transactionNo]);
  });
});
