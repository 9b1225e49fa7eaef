import { BRAND, GREY, INK, Illustration, PAPER } from './Illustration';

/** A QR code's look: three finder squares and a fixed scatter of modules (no payload: it is a drawing). */
const MODULES: readonly (readonly [number, number])[] = [
  [4, 0], [6, 1], [4, 2], [5, 3], [0, 4], [2, 4], [4, 4], [6, 4], [8, 4], [9, 5], [1, 6], [3, 6], [5, 6], [7, 6],
  [4, 7], [6, 8], [8, 7], [9, 9], [7, 9], [5, 9], [4, 8], [8, 8], [6, 6], [9, 7], [3, 4], [5, 5],
];

function QrLook({ x, y, cell }: { readonly x: number; readonly y: number; readonly cell: number }) {
  const finder = (fx: number, fy: number) => (
    <g key={`${fx}-${fy}`}>
      <rect x={x + fx * cell} y={y + fy * cell} width={cell * 3} height={cell * 3} fill="none" stroke={INK} strokeWidth={cell * 0.6} />
      <rect x={x + (fx + 1) * cell} y={y + (fy + 1) * cell} width={cell} height={cell} fill={INK} />
    </g>
  );
  return (
    <g>
      {finder(0, 0)}
      {finder(7, 0)}
      {finder(0, 7)}
      <g fill={INK}>
        {MODULES.map(([mx, my]) => (
          <rect key={`${mx}-${my}`} x={x + mx * cell} y={y + my * cell} width={cell} height={cell} />
        ))}
      </g>
    </g>
  );
}

/** The payment code on the screen, and a phone held up to it with the code in its viewfinder. */
export function ScanToPayIllustration() {
  return (
    <Illustration name="scan-to-pay">
      {/* The code as the screen shows it. */}
      <rect x="28" y="88" width="184" height="184" rx="12" fill={PAPER} stroke={GREY} strokeWidth="3" />
      <QrLook x={44} y={104} cell={15.2} />
      {/* The phone, its camera's view on its screen: the code inside the corner marks, a line sweeping over it. */}
      <rect x="284" y="36" width="168" height="296" rx="26" fill={INK} />
      <rect x="296" y="70" width="144" height="228" rx="8" fill="#e8eef7" />
      <g fill="none" stroke={BRAND} strokeWidth="6" strokeLinecap="round">
        <path d="M314 116 v-22 h22 M400 94 h22 v22 M422 226 v22 h-22 M336 248 h-22 v-22" />
      </g>
      <QrLook x={334} y={132} cell={7.6} />
      <rect className="illus-scan" x="312" y="130" width="112" height="6" rx="3" fill={BRAND} />
      <circle cx="368" cy="316" r="8" fill="#3d5a80" />
      {/* From the phone to the code. */}
      <g className="illus-pulse" fill={BRAND}>
        <rect x="222" y="172" width="40" height="16" rx="6" />
        <path d="M238 152 v56 l-30 -28 z" />
      </g>
    </Illustration>
  );
}
