import type { ReactNode } from 'react';
import { Arrow, INK, PANEL, BRAND } from './Illustration';

/**
 * A card slot on the kiosk's face seen from the front, a card standing in it with its lower edge
 * inside, and an arrow into the slot (putting the card in) or out of it (taking it). The card
 * slides along the arrow (illustrations.css); still, it stands half in the slot.
 */
export function CardSlotScene({ direction, card }: { readonly direction: 'in' | 'out'; readonly card: ReactNode }) {
  return (
    <g className={`card-slot card-slot-${direction}`}>
      {/* The kiosk's face around the slot. */}
      <rect x="24" y="214" width="432" height="132" rx="18" fill={PANEL} stroke={BRAND} strokeWidth="4" />
      <g className="illus-slide">{card}</g>
      {/* The front of the slot covers what is already inside. */}
      <rect x="28" y="246" width="424" height="96" rx="14" fill={PANEL} />
      <rect x="96" y="234" width="288" height="20" rx="10" fill={INK} />
      <rect x="108" y="240" width="264" height="6" rx="3" fill="#3d5a80" />
      {direction === 'in' ? <Arrow x={414} tipY={204} direction="down" length={150} /> : <Arrow x={414} tipY={46} direction="up" length={150} />}
    </g>
  );
}
