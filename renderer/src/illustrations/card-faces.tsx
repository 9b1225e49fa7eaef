import { GREY, INK, PAPER } from './Illustration';

/** A card's outline at 240x152 (the ID-1 card shape), drawn from its top-left corner. */
const CARD = { width: 240, height: 152 } as const;

function Portrait({ x, y, colour }: { readonly x: number; readonly y: number; readonly colour: string }) {
  return (
    <g>
      <rect x={x} y={y} width="64" height="80" rx="6" fill={PAPER} stroke={colour} strokeWidth="3" />
      <circle cx={x + 32} cy={y + 30} r="15" fill={colour} opacity="0.75" />
      <path d={`M${x + 8} ${y + 78} q24 -40 48 0 z`} fill={colour} opacity="0.75" />
    </g>
  );
}

function TextLines({ x, y, widths, colour }: { readonly x: number; readonly y: number; readonly widths: readonly number[]; readonly colour: string }) {
  return (
    <g fill={colour} opacity="0.7">
      {widths.map((width, i) => (
        <rect key={i} x={x} y={y + i * 22} width={width} height="10" rx="5" />
      ))}
    </g>
  );
}

/** The HK/Macau travel permit, photo side up: the photo on the left, its lines on the right. */
export function PermitFace({ x, y }: { readonly x: number; readonly y: number }) {
  const green = '#1d5c45';
  return (
    <g>
      <rect x={x} y={y} width={CARD.width} height={CARD.height} rx="14" fill="#e4f1ea" stroke={green} strokeWidth="4" />
      <Portrait x={x + 18} y={y + 20} colour={green} />
      <TextLines x={x + 100} y={y + 26} widths={[112, 88, 100]} colour={green} />
      <rect x={x + 18} y={y + 116} width="204" height="10" rx="5" fill="#9dbcae" />
    </g>
  );
}

/** The resident identity card, the side with the photo: lines on the left, the photo on the right, the chip's mark. */
export function IdCardFace({ x, y }: { readonly x: number; readonly y: number }) {
  return (
    <g>
      <rect x={x} y={y} width={CARD.width} height={CARD.height} rx="14" fill="#f3ecdc" stroke={INK} strokeWidth="4" />
      <TextLines x={x + 18} y={y + 22} widths={[96, 72, 118, 84]} colour={GREY} />
      <Portrait x={x + 156} y={y + 18} colour={INK} />
      <rect x={x + 18} y={y + 120} width="204" height="12" rx="6" fill={INK} opacity="0.55" />
    </g>
  );
}
