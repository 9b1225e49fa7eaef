/**
 * A frame drawn with box-drawing characters around text lines, at the printer's 48 columns.
 * GB2312 (and so every Chinese printer font) has these glyphs; each is a full-width 24-dot cell
 * whose stroke runs through the cell's middle, which is where raster parts of the frame draw
 * their side rules (FRAME_RULE_*), so text rows and picture rows line up on paper.
 */
import { text, type TextLine } from '../../../drivers/printer/document';
import { textColumns, wrapColumns } from '../../../drivers/printer/text-width';

export const PAPER_COLUMNS = 48;
export const PAPER_DOTS = 576;
/** One full-width cell: the side glyph's stroke is centred in its 24 dots. */
const CELL_DOTS = 24;
/** The heavy vertical rule is about 3 dots wide in a 24-dot font. */
export const FRAME_RULE_WIDTH = 3;
export const FRAME_RULE_LEFT = CELL_DOTS / 2 - 1;
export const FRAME_RULE_RIGHT = PAPER_DOTS - CELL_DOTS / 2 - 2;

const SIDE = '┃';
/** Columns between the two side glyphs. */
export const INNER_COLUMNS = PAPER_COLUMNS - 4;

function rule(left: string, fill: string, right: string): TextLine {
  return text(left + fill.repeat(INNER_COLUMNS / 2) + right);
}

export const frameTop = (): TextLine => rule('┏', '━', '┓');
export const frameDivider = (): TextLine => rule('┣', '━', '┫');
export const frameBottom = (): TextLine => rule('┗', '━', '┛');

/** One row inside the frame: the content padded to the inner width (the caller keeps it short enough). */
export function framedRow(content: string, options: { bold?: boolean } = {}): TextLine {
  const padding = Math.max(0, INNER_COLUMNS - textColumns(content));
  return text(SIDE + content + ' '.repeat(padding) + SIDE, { bold: options.bold ?? false });
}

/**
 * A labelled field: the label padded to `labelColumns`, the value after it, wrapped onto further
 * rows aligned under the value when it is too long for one.
 */
export function framedField(label: string, value: string, labelColumns: number, options: { bold?: boolean } = {}): TextLine[] {
  const indent = ' ' + label + ' '.repeat(Math.max(0, labelColumns - textColumns(label))) + '  ';
  const width = Math.max(1, INNER_COLUMNS - textColumns(indent) - 1);
  return wrapColumns(value, width).map((part, index) =>
    framedRow((index === 0 ? indent : ' '.repeat(textColumns(indent))) + part, options),
  );
}
