import type { ReactNode } from 'react';

/** Every drawing of a device step, by the name tests and styles find it under (`data-illustration`). */
export type IllustrationName =
  | 'place-id-card'
  | 'insert-permit'
  | 'take-permit'
  | 'look-at-camera'
  | 'scan-to-pay'
  | 'take-receipt'
  | 'take-certificate-slip'
  | 'take-certificate';

export interface IllustrationProps {
  readonly name: IllustrationName;
  /** Words for a screen reader (from the catalogue); without them the drawing is decorative. */
  readonly label?: string;
  readonly children: ReactNode;
}

/**
 * The frame all illustrations share: one 480x360 drawing, sized by the stylesheet for portrait,
 * landscape and large text. It only shows what the written prompt next to it says, so unless it
 * is given a label it is hidden from screen readers.
 */
export function Illustration({ name, label, children }: IllustrationProps) {
  const described = label ? ({ role: 'img', 'aria-label': label } as const) : ({ 'aria-hidden': true } as const);
  return (
    <svg className={`illustration illustration-${name}`} viewBox="0 0 480 360" data-illustration={name} focusable="false" {...described}>
      {children}
    </svg>
  );
}

/** Colours of the drawings: dark outlines on light fills (at least 3:1 against the page), the brand blue for what moves. */
export const INK = '#14213d';
export const BRAND = '#0b4f9c';
export const PANEL = '#dfe8f4';
export const PAPER = '#ffffff';
export const GREY = '#5a6478';

/** A thick arrow along x = `x`, pointing up or down, its tip at `tipY`; it pulses (illustrations.css). */
export function Arrow({ x, tipY, direction, length = 120 }: { readonly x: number; readonly tipY: number; readonly direction: 'up' | 'down'; readonly length?: number }) {
  const sign = direction === 'down' ? -1 : 1;
  const headBase = tipY + sign * 44;
  const shaftEnd = headBase + sign * (length - 44);
  return (
    <g className="illus-arrow" fill={BRAND}>
      <rect x={x - 10} y={Math.min(headBase, shaftEnd)} width="20" height={Math.abs(shaftEnd - headBase) + 4} rx="6" />
      <path d={`M${x - 30} ${headBase} h60 L${x} ${tipY} z`} />
    </g>
  );
}
