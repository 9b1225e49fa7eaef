/**
 * Where the kiosk page lives inside Electron: a custom privileged scheme, so the page has a real,
 * stable origin of its own (not file://, which every local file shares) and the shell decides
 * every byte it is served.
 */
export const KIOSK_SCHEME = 'app';
export const KIOSK_HOST = 'kiosk';
export const KIOSK_ORIGIN = `${KIOSK_SCHEME}://${KIOSK_HOST}`;
export const KIOSK_URL = `${KIOSK_ORIGIN}/index.html`;

/**
 * The origin of a URL as scheme://host[:port]. WHATWG `URL.origin` is "null" for schemes Node does
 * not know (app:), although Chromium treats our registered standard scheme as a tuple origin, so
 * the shell compares this form instead. Unparsable input yields '' (never equal to ours).
 */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return '';
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '';
  }
}

export function isKioskUrl(url: string): boolean {
  return originOf(url) === KIOSK_ORIGIN;
}

/**
 * The page's Content-Security-Policy inside Electron: our own files only, no inline script or
 * style, no network at all (the API travels over IPC, so connect-src needs no WebSocket),
 * nothing framed or framing.
 */
export function kioskContentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    // The face detector compiles WebAssembly, and its threads are workers that load the detector
    // from a blob: URL the page itself made (nothing inline, nothing from elsewhere).
    "script-src 'self' 'wasm-unsafe-eval' blob:",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob: mediastream:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "worker-src 'self' blob:",
  ].join('; ');
}
