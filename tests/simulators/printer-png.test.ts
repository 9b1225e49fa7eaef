/** The printer simulator's paper image (render-png.ts) read back through tests/support/printed-image.ts. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDocument } from '../../drivers/printer/codec';
import { qr, receipt, text } from '../../drivers/printer/document';
import { PAPER_MARGIN_DOTS, PAPER_TOP_DOTS } from '../../simulators/printer/render-png';
import { launchChromium } from '../support/chromium';
import { renderPrintedJobToPng } from '../support/printed-image';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the printed job as an image', () => {
  it('is a PNG of 80 mm paper with every QR of every job decoded, top to bottom', async () => {
    const bytes = Buffer.concat([
      encodeDocument(receipt([text('第一张'), qr('FIRST-1', { moduleSize: 4 })])),
      encodeDocument(receipt([text('第二张'), qr('SECOND-2', { moduleSize: 6, errorCorrection: 'H', align: 'left' })])),
    ]);
    const printed = await renderPrintedJobToPng(bytes, { browser });
    expect([...printed.png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(printed.width).toBe(576 + 2 * PAPER_MARGIN_DOTS);
    expect(printed.lines).toEqual(['第一张', '第二张']);
    expect(printed.qrPayloads).toEqual(['FIRST-1', 'SECOND-2']);
    const [first, second] = printed.boxes;
    expect(second!.x).toBe(PAPER_MARGIN_DOTS);
    expect(first!.y).toBeGreaterThan(PAPER_TOP_DOTS);
    expect(printed.darkShare(first!)).toBeGreaterThan(0.3);
    expect(printed.darkShare({ x: 0, y: 0, width: PAPER_MARGIN_DOTS, height: printed.height })).toBe(0);
  });

  it('refuses bytes that hold no complete job', async () => {
    const unfinished = encodeDocument(receipt([text('没有切纸')])).subarray(0, -4);
    await expect(renderPrintedJobToPng(unfinished, { browser })).rejects.toThrow(/no complete job/);
  });
});
