import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { type CameraAssetDirs, cameraAssetFile } from '../host/camera/model-files';
import { contentTypeOf, rendererSecurityHeaders } from '../host/renderer-files';
import type { ProtocolLike } from './electron-types';
import { KIOSK_HOST, KIOSK_SCHEME, kioskContentSecurityPolicy } from './kiosk-origin';

/**
 * Must run before `app.whenReady()`: Chromium fixes scheme privileges at start-up. `standard`
 * gives the page a real origin (so 'self' in the CSP and the IPC origin check mean app://kiosk),
 * `secure` makes it a secure context (camera access needs one), `supportFetchAPI` lets module
 * scripts load. No `bypassCSP`, no `corsEnabled`: the page reaches nothing else.
 */
export function registerKioskScheme(protocol: Pick<ProtocolLike, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: KIOSK_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export type ReadFile = (path: string) => Promise<Uint8Array>;

/** The security headers of every answer, errors included. */
export function kioskHeaders(contentType: string): Record<string, string> {
  return { 'Content-Type': contentType, ...rendererSecurityHeaders(kioskContentSecurityPolicy()) };
}

function refusal(status: number, text: string): Response {
  return new Response(text, { status, headers: kioskHeaders('text/plain; charset=utf-8') });
}

/**
 * Maps an app://kiosk/ request to a file under `rootDir` (the built renderer) and nothing else:
 * other hosts, other methods, encoded `..`, backslashes and NUL bytes are refused before the
 * file system is asked.
 */
export function createKioskRequestHandler(rootDir: string, read: ReadFile = readFile, cameraAssets?: CameraAssetDirs): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refusal(400, 'bad request');
    }
    if (url.protocol !== `${KIOSK_SCHEME}:` || url.host !== KIOSK_HOST) return refusal(404, 'not found');
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname);
    } catch {
      return refusal(400, 'bad request');
    }
    if (relative.includes('\0') || relative.includes('\\')) return refusal(400, 'bad request');
    if (relative === '/' || relative === '') relative = '/index.html';
    // The camera step's models and wasm (named files only) come from the unpacked packages.
    const asset = cameraAssets ? cameraAssetFile(url.pathname, cameraAssets) : null;
    const file = asset ?? resolve(root, `.${relative}`);
    if (!asset && !file.startsWith(root + sep)) return refusal(404, 'not found');
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return refusal(404, 'not found');
    }
    const headers = kioskHeaders(contentTypeOf(file));
    return new Response(request.method === 'HEAD' ? null : Buffer.from(body), { status: 200, headers });
  };
}

/** Serves the built renderer at app://kiosk/. Call after `app.whenReady()`. */
export function serveKioskProtocol(protocol: Pick<ProtocolLike, 'handle'>, rootDir: string, read?: ReadFile, cameraAssets?: CameraAssetDirs): void {
  protocol.handle(KIOSK_SCHEME, createKioskRequestHandler(rootDir, read, cameraAssets));
}
