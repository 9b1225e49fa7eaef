import { BRAND, GREY, INK, Illustration, PANEL } from './Illustration';

/** The camera above the screen, and a face looking up into it along dotted lines. */
export function LookAtCameraIllustration() {
  return (
    <Illustration name="look-at-camera">
      {/* The kiosk's head with the camera's lens, a ring pulsing around it. */}
      <rect x="110" y="18" width="260" height="96" rx="22" fill={PANEL} stroke={BRAND} strokeWidth="4" />
      <circle cx="240" cy="66" r="26" fill={INK} />
      <circle cx="240" cy="66" r="11" fill="#3d5a80" />
      <circle cx="247" cy="59" r="4" fill="#ffffff" />
      <circle className="illus-pulse" cx="240" cy="66" r="38" fill="none" stroke={BRAND} strokeWidth="5" />
      {/* Head and shoulders, face on, eyes open and up. */}
      <path d="M110 356 q0 -78 130 -78 q130 0 130 78 z" fill="#c9d6e8" stroke={INK} strokeWidth="4" />
      <ellipse cx="240" cy="236" rx="62" ry="74" fill="#efd9c4" stroke={INK} strokeWidth="4" />
      <path d="M178 222 q4 -70 62 -72 q58 2 62 72 q-20 -40 -62 -40 q-42 0 -62 40 z" fill={GREY} />
      <g fill={INK}>
        <ellipse cx="218" cy="226" rx="7" ry="8" />
        <ellipse cx="262" cy="226" rx="7" ry="8" />
      </g>
      {/* Where the eyes look. */}
      <g stroke={BRAND} strokeWidth="6" strokeDasharray="2 12" strokeLinecap="round">
        <path d="M218 214 L236 104" />
        <path d="M262 214 L244 104" />
      </g>
      <path d="M222 272 q18 12 36 0" fill="none" stroke={INK} strokeWidth="4" strokeLinecap="round" />
    </Illustration>
  );
}
