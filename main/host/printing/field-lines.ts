/**
 * Labelled fields as text lines at the printer's 48 columns: labels padded to one width, values
 * after them, a value too long for its line wrapped onto further lines under itself.
 */
import { text, type TextLine } from '../../../drivers/printer/document';
import { PAPER_COLUMNS, textColumns, wrapColumns } from '../../../drivers/printer/text-width';

export interface Field {
  readonly label: string;
  readonly value: string;
  readonly bold?: boolean;
}

/** The columns of the widest label: pass it to every group of fields that should line up. */
export function labelColumns(fields: readonly Field[]): number {
  return Math.max(0, ...fields.map((field) => textColumns(field.label)));
}

export function fieldLines(fields: readonly Field[], labelWidth = labelColumns(fields)): TextLine[] {
  return fields.flatMap(({ label, value, bold = false }) => {
    const indent = ` ${label}${' '.repeat(Math.max(0, labelWidth - textColumns(label)))}  `;
    const width = Math.max(1, PAPER_COLUMNS - textColumns(indent) - 1);
    return wrapColumns(value, width).map((part, index) => text((index === 0 ? indent : ' '.repeat(textColumns(indent))) + part, { bold }));
  });
}
