import { Arrow, BRAND, GREY, INK, Illustration, PANEL, PAPER } from './Illustration';

/** What comes out of the printer: the receipt, or the temporary identity certificate's slip. */
export type PrintedPaper = 'receipt' | 'certificate-slip';

function ReceiptLines() {
  return (
    <g fill={GREY}>
      <rect x="186" y="150" width="108" height="12" rx="6" fill={INK} />
      {[176, 198, 220, 242].map((y, i) => (
        <rect key={y} x="186" y={y} width={[96, 80, 104, 64][i]} height="9" rx="4.5" />
      ))}
      <rect x="250" y="262" width="44" height="44" fill="none" stroke={INK} strokeWidth="5" />
      <rect x="264" y="276" width="16" height="16" fill={INK} />
    </g>
  );
}

function SlipLines() {
  return (
    <g fill={GREY}>
      <rect x="186" y="150" width="108" height="12" rx="6" fill={INK} />
      <rect x="186" y="176" width="46" height="58" rx="4" fill={PAPER} stroke={INK} strokeWidth="3" />
      <circle cx="209" cy="198" r="10" fill={GREY} />
      <path d="M192 232 q17 -28 34 0 z" fill={GREY} />
      {[180, 200, 220].map((y) => (
        <rect key={y} x="242" y={y} width="52" height="9" rx="4.5" />
      ))}
      <rect x="186" y="250" width="108" height="9" rx="4.5" />
      <rect x="186" y="272" width="84" height="9" rx="4.5" />
    </g>
  );
}

/**
 * The printer's outlet on the kiosk's face and the paper hanging out of it, sliding out
 * (illustrations.css), an arrow saying "take it".
 */
export function TakeReceiptIllustration({ paper }: { readonly paper: PrintedPaper }) {
  return (
    <Illustration name={paper === 'receipt' ? 'take-receipt' : 'take-certificate-slip'}>
      <g className="illus-feed">
        <path d="M168 120 H312 V318 l-12 12 l-12 -12 l-12 12 l-12 -12 l-12 12 l-12 -12 l-12 12 l-12 -12 l-12 12 l-12 -12 l-12 12 l-12 -12 Z" fill={PAPER} stroke={INK} strokeWidth="4" strokeLinejoin="round" />
        {paper === 'receipt' ? <ReceiptLines /> : <SlipLines />}
      </g>
      {/* The kiosk's face above the outlet covers the paper still inside. */}
      <rect x="24" y="16" width="432" height="112" rx="18" fill={PANEL} stroke={BRAND} strokeWidth="4" />
      <rect x="140" y="104" width="200" height="18" rx="9" fill={INK} />
      <Arrow x={392} tipY={330} direction="down" length={170} />
    </Illustration>
  );
}
