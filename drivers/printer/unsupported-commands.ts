/**
 * Common ESC/POS commands outside the contract, by parameter byte count, so the simulator skips
 * them whole instead of printing their parameters as text (other software may share the printer).
 */

/** ESC x: ! mode, - underline, 2/3 line spacing, J feed dots, M font, t code page, R charset,
 * { upside down, V rotate, G double strike, SP right spacing, p drawer pulse, = peripheral,
 * D tabs (terminated list, taken as none), c panel buttons. */
export const ESC_PARAMS: ReadonlyMap<number, number> = new Map([
  [0x21, 1], [0x2d, 1], [0x32, 0], [0x33, 1], [0x4a, 1], [0x4d, 1], [0x74, 1], [0x52, 1],
  [0x7b, 1], [0x56, 1], [0x47, 1], [0x20, 1], [0x70, 3], [0x3d, 1], [0x44, 0], [0x63, 2],
]);

/** FS x: ! Chinese print mode, - Chinese underline, W Chinese quadruple size, C code system,
 * S Chinese spacing. */
export const FS_PARAMS: ReadonlyMap<number, number> = new Map([
  [0x21, 1], [0x2d, 1], [0x57, 1], [0x43, 1], [0x53, 2],
]);

/** GS x: B reverse, H/h/w/f barcode setup, L/W margin and width, a ASB, r status, I printer ID,
 * b smoothing. */
export const GS_PARAMS: ReadonlyMap<number, number> = new Map([
  [0x42, 1], [0x48, 1], [0x68, 1], [0x77, 1], [0x66, 1], [0x4c, 2], [0x57, 2], [0x61, 1],
  [0x72, 1], [0x49, 1], [0x62, 1],
]);

export function hex(byte: number | undefined): string {
  return byte === undefined ? '??' : byte.toString(16).padStart(2, '0');
}
