/**
 * What a printed job looks like on paper, for any test of something the kiosk prints (receipts,
 * the temporary identity certificate):
 *
 *   const printed = await renderPrintedJobToPng(bytes);          // or { browser } to reuse one
 *   expect(printed.lines).toContain('临时身份证明');               // the printed text lines
 *   expect(printed.qrPayloads).toEqual([payload]);                // QR symbols decoded from the pixels
 *   expect(printed.darkShare(printed.boxes.find(b => b.kind === 'image')!)).toBeGreaterThan(0.05);
 *   writeFileSync('test-results/x/receipt.png', printed.png);     // look at it
 *
 * A test that has the job as a document (a RecordedJob of a running simulator, a receipt builder's
 * result) calls renderPrintedDocumentToPng(document), which encodes it the way the driver does.
 *
 * The bytes go through the printer simulator exactly as they would from the driver: it parses
 * them and records the job. `text` and `lines` are its text model of that job; the PNG is its SVG
 * rasterised in headless Chromium (simulators/printer/render-png.ts), one pixel per printer dot;
 * `qrPayloads` are decoded with jsQR from those pixels, so a QR that prints wrong fails to decode.
 */
import jsQR from 'jsqr';
import type { Browser } from 'playwright-core';
import { encodeDocument } from '../../drivers/printer/codec';
import type { ReceiptDocument, ReceiptElement, TextLine } from '../../drivers/printer/document';
import { createInProcessPipePair } from '../../drivers/transport/in-process-pipe';
import { type PaperBox, renderText } from '../../simulators/printer/render';
import { renderPng } from '../../simulators/printer/render-png';
import { PrinterSimulator } from '../../simulators/printer/simulator';
import { launchChromium } from './chromium';

export interface PrintedImage {
  /** The paper as a PNG file, 576 pixels (dots) wide. */
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** The simulator's plain-text view of the job (renderText). */
  readonly text: string;
  /** Every printed text line, as the simulator parsed it. */
  readonly lines: readonly string[];
  /** What each QR symbol on the paper decodes to, top to bottom. */
  readonly qrPayloads: readonly string[];
  /** Where raster images and QR symbols landed, in pixels. */
  readonly boxes: readonly PaperBox[];
  /** The job as the simulator recorded it, and what it warned about while parsing. */
  readonly document: ReceiptDocument;
  readonly warnings: readonly string[];
  /** The share (0..1) of dark pixels inside a box of the paper. */
  darkShare(box: Pick<PaperBox, 'x' | 'y' | 'width' | 'height'>): number;
}

/** Sends the bytes to a fresh simulated printer and returns what it printed (every complete job, in order). */
async function printThroughSimulator(bytes: Uint8Array): Promise<{ elements: ReceiptElement[]; warnings: string[] }> {
  const simulator = new PrinterSimulator();
  const pair = createInProcessPipePair('printed-image', { maxChunk: 4096 });
  simulator.attach(pair.device);
  try {
    await pair.host.write(bytes);
    // The pipe delivers each chunk on its own later tick, in order: one tick more and all have arrived.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    await pair.host.close().catch(() => undefined);
  }
  const jobs = simulator.jobs.filter((job) => job.complete);
  if (jobs.length === 0) throw new Error('the bytes hold no complete job (nothing ends with a cut)');
  return { elements: jobs.flatMap((job) => [...job.document.elements]), warnings: jobs.flatMap((job) => [...job.warnings]) };
}

function isDark(rgba: Uint8ClampedArray, index: number): boolean {
  return 0.299 * rgba[index]! + 0.587 * rgba[index + 1]! + 0.114 * rgba[index + 2]! < 128;
}

/** Decodes QR symbols one at a time, painting each found one white so the next can be found. */
function decodeQrCodes(rgba: Uint8ClampedArray, width: number, height: number): string[] {
  const pixels = new Uint8ClampedArray(rgba);
  const found: { y: number; data: string }[] = [];
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const code = jsQR(pixels, width, height, { inversionAttempts: 'dontInvert' });
    if (!code) break;
    found.push({ y: code.location.topLeftCorner.y, data: code.data });
    const corners = [code.location.topLeftCorner, code.location.topRightCorner, code.location.bottomLeftCorner, code.location.bottomRightCorner];
    const margin = 16;
    const left = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.x))) - margin);
    const right = Math.min(width, Math.ceil(Math.max(...corners.map((c) => c.x))) + margin);
    const top = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.y))) - margin);
    const bottom = Math.min(height, Math.ceil(Math.max(...corners.map((c) => c.y))) + margin);
    for (let y = top; y < bottom; y += 1) pixels.fill(255, (y * width + left) * 4, (y * width + right) * 4);
  }
  return found.sort((a, b) => a.y - b.y).map((qr) => qr.data);
}

/** Renders a printed job (the bytes the driver would send) to an image and reads it back. */
export async function renderPrintedJobToPng(bytes: Uint8Array, options: { browser?: Browser } = {}): Promise<PrintedImage> {
  const { elements, warnings } = await printThroughSimulator(bytes);
  const document: ReceiptDocument = { elements };
  const browser = options.browser ?? (await launchChromium());
  try {
    const page = await browser.newPage();
    try {
      const image = await renderPng(document, page);
      const { rgba, width, height } = image;
      return {
        png: image.png,
        width,
        height,
        text: renderText(document),
        lines: elements.filter((element): element is TextLine => element.kind === 'text').map((element) => element.text),
        qrPayloads: decodeQrCodes(rgba, width, height),
        boxes: image.boxes,
        document,
        warnings,
        darkShare: (box) => {
          let dark = 0;
          let all = 0;
          for (let y = Math.max(0, box.y); y < Math.min(height, box.y + box.height); y += 1) {
            for (let x = Math.max(0, box.x); x < Math.min(width, box.x + box.width); x += 1) {
              dark += isDark(rgba, (y * width + x) * 4) ? 1 : 0;
              all += 1;
            }
          }
          return all === 0 ? 0 : dark / all;
        },
      };
    } finally {
      await page.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
}

/** The same for a document: encoded as the driver sends it, then rendered as above. */
export function renderPrintedDocumentToPng(document: ReceiptDocument, options: { browser?: Browser } = {}): Promise<PrintedImage> {
  return renderPrintedJobToPng(encodeDocument(document), options);
}
