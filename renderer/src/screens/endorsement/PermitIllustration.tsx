/**
 * Where the HK/Macau travel permit goes: the kiosk's card slot seen from the front, the permit
 * photo side up with its lower edge in the slot, and an arrow into the slot (inserting) or out
 * of it (taking it back). Drawn here, no image file; the words are the caller's (catalogue).
 */
export interface PermitIllustrationProps {
  readonly direction: 'in' | 'out';
  readonly label: string;
}

export function PermitIllustration({ direction, label }: PermitIllustrationProps) {
  return (
    <svg className={`permit-illustration permit-${direction}`} viewBox="0 0 480 360" role="img" aria-label={label} data-testid="permit-illustration">
      {/* The kiosk's face around the slot. */}
      <rect x="24" y="214" width="432" height="132" rx="18" fill="#dfe8f4" stroke="#0b4f9c" strokeWidth="4" />
      {/* The permit, photo side up; its lower edge disappears into the slot. */}
      <g className="permit-card">
        <rect x="120" y="52" width="240" height="186" rx="14" fill="#e4f1ea" stroke="#1d5c45" strokeWidth="4" />
        <rect x="140" y="74" width="76" height="96" rx="6" fill="#ffffff" stroke="#1d5c45" strokeWidth="3" />
        <circle cx="178" cy="108" r="18" fill="#7c9a8d" />
        <path d="M148 168 q30 -42 60 0 z" fill="#7c9a8d" />
        <rect x="232" y="80" width="108" height="12" rx="6" fill="#7c9a8d" />
        <rect x="232" y="104" width="86" height="12" rx="6" fill="#7c9a8d" />
        <rect x="232" y="128" width="98" height="12" rx="6" fill="#7c9a8d" />
        <rect x="232" y="152" width="64" height="12" rx="6" fill="#7c9a8d" />
        <rect x="140" y="186" width="200" height="10" rx="5" fill="#b9cfc4" />
      </g>
      {/* The front of the slot covers what is already inside. */}
      <rect x="28" y="246" width="424" height="96" rx="14" fill="#dfe8f4" />
      <rect x="96" y="234" width="288" height="20" rx="10" fill="#14213d" />
      <rect x="108" y="240" width="264" height="6" rx="3" fill="#3d5a80" />
      {/* Which way: into the slot, or out of it. */}
      <g className="permit-arrow" fill="#0b4f9c">
        {direction === 'in' ? (
          <>
            <rect x="404" y="40" width="20" height="130" rx="6" />
            <path d="M384 160 h60 l-30 44 z" />
          </>
        ) : (
          <>
            <rect x="404" y="80" width="20" height="130" rx="6" />
            <path d="M384 90 h60 l-30 -44 z" />
          </>
        )}
      </g>
    </svg>
  );
}
