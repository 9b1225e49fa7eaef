/**
 * The paper as an image: the job's SVG (render.ts) rasterised by a browser into a PNG at the
 * head's resolution, one pixel per dot, on 80 mm paper (the 576-dot print area and its margins). A browser, because the printed lines are Chinese text: it
 * has the CJK font and a text rasteriser, and the simulator needs neither of its own. Raster
 * images and QR symbols are drawn dot for dot, so what a test reads back from the pixels (a QR
 * decoded, a photo box that is not blank) is what the bytes put on the paper.
 *
 * Any page will do (a Playwright `Page` of headless Chromium, see tests/support/printed-image.ts);
 * it only runs the script below, with the SVG as its argument.
 */
import type { ReceiptDocument } from '../../drivers/printer/document';
import { type PaperBox, renderSvgLayout } from './render';

/** 80 mm paper is 640 dots wide; the head's 576 dots are centred on it. */
export const PAPER_MARGIN_DOTS = 32;
/** Paper above the first line (what the previous cut left), so the first glyphs are not clipped. */
export const PAPER_TOP_DOTS = 16;

/** What is needed of a browser page: evaluating a script expression (Playwright's `page.evaluate`). */
export interface ScriptPage {
  evaluate(expression: string): Promise<unknown>;
}

export interface PaperImage {
  /** PNG file bytes. */
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** The same pixels, RGBA row after row (what a QR decoder takes). */
  readonly rgba: Uint8ClampedArray;
  /** Where the raster images and QR symbols are, in pixels of this image (margin included). */
  readonly boxes: readonly PaperBox[];
}

/**
 * Runs in the page: the SVG as an image on a canvas of its own size, returned as a PNG data URL
 * and the canvas's pixels (base64, so they cross the page boundary as one string).
 */
const RASTERISE = `async (svg, margin, top) => {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth + 2 * margin;
    canvas.height = image.naturalHeight + top;
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, margin, top);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let binary = '';
    for (let i = 0; i < pixels.length; i += 0x8000) binary += String.fromCharCode.apply(null, pixels.subarray(i, i + 0x8000));
    return { png: canvas.toDataURL('image/png'), rgba: btoa(binary), width: canvas.width, height: canvas.height };
  } finally {
    URL.revokeObjectURL(url);
  }
}`;

interface Rasterised {
  readonly png: string;
  readonly rgba: string;
  readonly width: number;
  readonly height: number;
}

function isRasterised(value: unknown): value is Rasterised {
  const candidate = value as Partial<Rasterised> | null;
  return typeof candidate?.png === 'string' && typeof candidate.rgba === 'string' && typeof candidate.width === 'number' && typeof candidate.height === 'number';
}

/** The document as the paper would show it, as a PNG and its pixels. */
export async function renderPng(document: ReceiptDocument, page: ScriptPage): Promise<PaperImage> {
  const layout = renderSvgLayout(document);
  const result = await page.evaluate(`(${RASTERISE})(${JSON.stringify(layout.svg)}, ${PAPER_MARGIN_DOTS}, ${PAPER_TOP_DOTS})`);
  if (!isRasterised(result)) throw new Error('the page did not return a rasterised image');
  const prefix = 'data:image/png;base64,';
  if (!result.png.startsWith(prefix)) throw new Error('the page did not return a PNG');
  const width = layout.width + 2 * PAPER_MARGIN_DOTS;
  const height = layout.height + PAPER_TOP_DOTS;
  if (result.width !== width || result.height !== height) {
    throw new Error(`the page drew ${result.width} x ${result.height}, not the paper's ${width} x ${height}`);
  }
  return {
    png: Buffer.from(result.png.slice(prefix.length), 'base64'),
    width: result.width,
    height: result.height,
    rgba: new Uint8ClampedArray(Buffer.from(result.rgba, 'base64')),
    boxes: layout.boxes.map((box) => ({ ...box, x: box.x + PAPER_MARGIN_DOTS, y: box.y + PAPER_TOP_DOTS })),
  };
}
