/**
 * Technician views of a received job: plain text (for a terminal or a log) and SVG (with the
 * QR drawn from its data, so a technician can scan it off the screen to check the content).
 */
import QRCode from 'qrcode';
import type { Alignment, QrCode, RasterImage, ReceiptDocument } from '../../drivers/printer/document';
import { rasterToBmp } from './raster-bmp';
import { charColumns, textColumns, wrapColumns } from '../../drivers/printer/text-width';

/** Font A on an 80 mm head: 576 dots, 12x24 dot cells, 48 columns. */
export const PAPER_DOTS = 576;
const CELL_WIDTH = 12;
/** Glyph height of font A. */
const LINE_HEIGHT = 24;
/** Baseline below the cell's top: a CJK font's em box rises 0.88 em above it, so glyphs stay in their cell. */
const GLYPH_ASCENT = 21;
/**
 * The paper a line of text advances: the default line spacing (ESC 2, 3.75 mm on 203 dpi Chinese
 * firmware), or the glyph's height and a little when a double-height glyph is taller than that.
 */
const LINE_PITCH = 30;
const linePitch = (scale: number): number => Math.max(LINE_PITCH, LINE_HEIGHT * scale + LINE_PITCH - LINE_HEIGHT);
export const PAPER_COLUMNS = PAPER_DOTS / CELL_WIDTH;

/** Pads to `columns`; `width` is how many the text takes (printer columns unless said otherwise). */
function pad(text: string, align: Alignment, columns: number, width = textColumns(text)): string {
  const free = Math.max(0, columns - width);
  switch (align) {
    case 'left':
      return text + ' '.repeat(free);
    case 'centre': {
      const left = Math.floor(free / 2);
      return ' '.repeat(left) + text + ' '.repeat(free - left);
    }
    case 'right':
      return ' '.repeat(free) + text;
    default: {
      const unreachable: never = align;
      return unreachable;
    }
  }
}

/** The QR matrix, or undefined when the data does not fit a symbol at that level. */
function qrModules(element: QrCode): { size: number; dark: (row: number, col: number) => boolean } | undefined {
  try {
    const symbol = QRCode.create(element.data, { errorCorrectionLevel: element.errorCorrection });
    return { size: symbol.modules.size, dark: (row, col) => symbol.modules.get(row, col) === 1 };
  } catch {
    return undefined;
  }
}

/** Plain text, framed at the paper width; notes on style go to the right of the frame. */
export function renderText(document: ReceiptDocument, columns = PAPER_COLUMNS): string {
  const lines: string[] = [];
  const framed = (content: string, note = ''): void => {
    lines.push(`|${content}|${note ? ` ${note}` : ''}`);
  };
  for (const element of document.elements) {
    switch (element.kind) {
      case 'text': {
        const width = element.doubleSize ? Math.floor(columns / 2) : columns;
        const note = [element.bold ? 'bold' : '', element.doubleSize ? 'x2' : ''].filter(Boolean).join(' ');
        // Double-size text wraps at half the columns but is shown at normal width, noted `x2`.
        for (const part of wrapColumns(element.text, width)) framed(pad(part, element.align, columns), note);
        break;
      }
      case 'feed':
        for (let index = 0; index < element.lines; index += 1) framed(' '.repeat(columns));
        break;
      case 'qr': {
        const modules = qrModules(element);
        const caption = `QR ${element.errorCorrection} x${element.moduleSize}: ${element.data}`;
        if (modules && modules.size <= columns) {
          // Two module rows per text row with half blocks, one column per module.
          for (let row = 0; row < modules.size; row += 2) {
            let art = '';
            for (let col = 0; col < modules.size; col += 1) {
              const top = modules.dark(row, col);
              const bottom = row + 1 < modules.size && modules.dark(row + 1, col);
              art += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
            }
            // Terminal art, one narrow block character per module, not printer text.
            framed(pad(art, element.align, columns, modules.size));
          }
        }
        for (const part of wrapColumns(`[${caption}]`, columns)) framed(pad(part, element.align, columns));
        break;
      }
      case 'image': {
        const caption = `[image ${element.widthBytes * 8}x${element.heightDots} dots]`;
        framed(pad(caption, element.align, columns));
        break;
      }
      case 'cut':
        for (let index = 0; index < element.feedLines; index += 1) framed(' '.repeat(columns));
        lines.push(`${'- '.repeat(Math.floor(columns / 2) - 3)}✂ cut -`);
        break;
      default: {
        const unreachable: never = element;
        lines.push(`?? ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return lines.join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Left edge of something `width` dots wide placed on the paper with this alignment. */
function leftFor(align: Alignment, width: number): number {
  return align === 'left' ? 0 : align === 'right' ? PAPER_DOTS - width : Math.floor((PAPER_DOTS - width) / 2);
}

/** The image's dots, one SVG unit each (smoothed when the panel shows the paper smaller: a dithered photo sampled dot by dot turns to noise). */
function imageSvg(element: RasterImage, y: number): string {
  const width = element.widthBytes * 8;
  const href = `data:image/bmp;base64,${Buffer.from(rasterToBmp(element)).toString('base64')}`;
  return `<image x="${leftFor(element.align, width)}" y="${y}" width="${width}" height="${element.heightDots}" preserveAspectRatio="none" href="${href}"/>`;
}

/**
 * One printed line, each character placed in its own cell of the printer's grid (12 dots per
 * column, two columns for a double-byte character), whatever the font's own advances are.
 */
function textSvg(line: string, align: Alignment, bold: boolean, scale: number, top: number): string {
  const cell = CELL_WIDTH * scale;
  let column = 0;
  const positions: number[] = [];
  for (const char of line) {
    // SVG positions UTF-16 units: a character outside the BMP takes two.
    for (let unit = 0; unit < char.length; unit += 1) positions.push(column * cell);
    column += charColumns(char);
  }
  const left = leftFor(align, column * cell);
  const x = positions.map((position) => left + position).join(' ');
  const weight = bold ? ' font-weight="bold"' : '';
  return `<text xml:space="preserve" x="${x}" y="${top + GLYPH_ASCENT * scale}" font-size="${LINE_HEIGHT * scale}"${weight}>${escapeXml(line)}</text>`;
}

/** Where a picture (a raster image or a QR symbol) landed on the paper, in dots. */
export interface PaperBox {
  readonly kind: 'image' | 'qr';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface SvgRendering {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly boxes: readonly PaperBox[];
}

/** An SVG of the receipt at printer scale (1 unit = 1 dot, 203 dpi). */
export function renderSvg(document: ReceiptDocument): string {
  return renderSvgLayout(document).svg;
}

/** The SVG with where each picture went, so a check of the rendered paper knows where to look. */
export function renderSvgLayout(document: ReceiptDocument): SvgRendering {
  const parts: string[] = [];
  const boxes: PaperBox[] = [];
  let y = 0;
  for (const element of document.elements) {
    switch (element.kind) {
      case 'text': {
        const scale = element.doubleSize ? 2 : 1;
        for (const part of wrapColumns(element.text, PAPER_COLUMNS / scale)) {
          parts.push(textSvg(part, element.align, element.bold, scale, y));
          y += linePitch(scale);
        }
        break;
      }
      case 'feed':
        y += LINE_PITCH * element.lines;
        break;
      case 'qr': {
        const modules = qrModules(element);
        if (!modules) {
          y += LINE_HEIGHT;
          parts.push(`<text x="0" y="${y}" font-size="20">[QR does not fit level ${element.errorCorrection}]</text>`);
          break;
        }
        const side = modules.size * element.moduleSize;
        const left = leftFor(element.align, side);
        let path = '';
        for (let row = 0; row < modules.size; row += 1) {
          for (let col = 0; col < modules.size; col += 1) {
            if (!modules.dark(row, col)) continue;
            const m = element.moduleSize;
            path += `M${left + col * m} ${y + row * m}h${m}v${m}h-${m}z`;
          }
        }
        parts.push(`<path d="${path}" fill="#000" data-qr="${escapeXml(element.data)}"/>`);
        boxes.push({ kind: 'qr', x: left, y, width: side, height: side });
        y += side;
        break;
      }
      case 'image':
        parts.push(imageSvg(element, y));
        boxes.push({ kind: 'image', x: leftFor(element.align, element.widthBytes * 8), y, width: element.widthBytes * 8, height: element.heightDots });
        y += element.heightDots;
        break;
      case 'cut':
        y += LINE_PITCH * element.feedLines + LINE_HEIGHT / 2;
        parts.push(`<line x1="0" y1="${y}" x2="${PAPER_DOTS}" y2="${y}" stroke="#888" stroke-dasharray="8 6"/>`);
        y += LINE_HEIGHT / 2;
        break;
      default: {
        const unreachable: never = element;
        parts.push(`<!-- ${escapeXml(JSON.stringify(unreachable))} -->`);
      }
    }
  }
  const height = Math.max(y, LINE_HEIGHT);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAPER_DOTS}" height="${height}" viewBox="0 0 ${PAPER_DOTS} ${height}" font-family="'Noto Sans Mono CJK SC', SimSun, monospace">`,
    `<rect width="${PAPER_DOTS}" height="${height}" fill="#fff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
  return { svg, width: PAPER_DOTS, height, boxes };
}
