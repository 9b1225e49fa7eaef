import { IdCardFace } from './card-faces';
import { Arrow, BRAND, Illustration, PANEL } from './Illustration';

/** From the card's own square-on drawing to lying flat on the reader, seen from the front and above. */
const FLAT = 'translate(240 285) scale(1 0.42) skewX(-18) translate(-120 -76)';

/**
 * The ID card laid flat on the reader: the reader's top seen from the front and above, its
 * reading area marked, the card coming down onto it (illustrations.css) and lying there, still.
 */
export function PlaceIdCardIllustration() {
  return (
    <Illustration name="place-id-card">
      {/* The reader's top, in perspective, and the area that reads. */}
      <path d="M92 236 H388 L448 334 H32 Z" fill={PANEL} stroke={BRAND} strokeWidth="4" strokeLinejoin="round" />
      {/* The reader's waves, over the reading area. */}
      <g className="illus-pulse" fill="none" stroke={BRAND} strokeWidth="5" strokeLinecap="round">
        <path d="M206 214 q34 -18 68 0" />
        <path d="M188 196 q52 -30 104 0" />
      </g>
      {/* The card, lying flat (its face drawn square-on, then laid back), over the dashed place it goes. */}
      <rect transform={FLAT} x="-14" y="-14" width="268" height="180" rx="22" fill="none" stroke={BRAND} strokeWidth="5" strokeDasharray="16 12" />
      <g className="illus-drop">
        <g transform={FLAT}>
          <IdCardFace x={0} y={0} />
        </g>
      </g>
      <Arrow x={420} tipY={226} direction="down" length={130} />
    </Illustration>
  );
}
