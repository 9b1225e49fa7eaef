import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { attachWsTransport } from './api/ws-transport';
import type { ApiDispatcher } from './api/dispatcher';
import type { Logger } from './log';
import { cameraAssetFile, findCameraAssets } from './camera/model-files';
import { contentTypeOf, rendererSecurityHeaders } from './renderer-files';

/**
 * The Content-Security-Policy of every page: our own scripts only, no inline code, no framing.
 * `sandbox` without allow-popups, allow-modals, allow-downloads or allow-top-navigation makes
 * window.open, target=_blank links, alert/confirm/print dialogs and downloads inert in browser
 * mode, where no Electron shell is there to refuse them; allow-same-origin keeps the page's
 * origin, which the API socket checks.
 */
export function contentSecurityPolicy(port: number): string {
  return [
    'sandbox allow-scripts allow-same-origin allow-forms',
    "default-src 'none'",
    // The face detector compiles WebAssembly, and its threads are workers that load the detector
    // from a blob: URL the page itself made (nothing inline, nothing from elsewhere).
    "script-src 'self' 'wasm-unsafe-eval' blob:",
    "worker-src 'self' blob:",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export interface UiServer {
  /** The URL a kiosk window opens: it carries the per-boot token in the fragment. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** What the UI server needs of a host: the API it carries and a log. */
export interface ServedHost {
  readonly api: ApiDispatcher;
  readonly log: Logger;
}

/**
 * Serves the built renderer on loopback and the screen API on `/api` (WebSocket). Nothing else:
 * no directory listings, no paths outside the renderer folder. A host restarted in place passes
 * the port and token of before, so the open window reconnects to it.
 */
export async function startUiServer(
  host: ServedHost,
  rendererDir: string,
  port = 0,
  token: string = randomBytes(24).toString('base64url'),
): Promise<UiServer> {
  let actualPort = 0;
  // The camera step's detector, models and wasm come from the installed packages, on this origin.
  const { dirs: cameraAssets, problem } = findCameraAssets();
  if (problem) host.log.error({ problem }, 'the camera step cannot load its face models: the camera will be reported offline');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let relative: string;
    try {
      relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).slice(1);
    } catch {
      // A malformed %-escape is a bad request, not a reason for the host to fall over.
      relative = '\u0000';
    }
    const asset = cameraAssetFile(url.pathname, cameraAssets);
    const file = asset ?? normalize(join(rendererDir, relative));
    const inside = asset !== null || (file.startsWith(normalize(rendererDir) + sep) && !relative.includes('\u0000'));
    const headers = rendererSecurityHeaders(contentSecurityPolicy(actualPort));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    if (!inside || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': contentTypeOf(file) });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  actualPort = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${actualPort}`;
  const ws = attachWsTransport({
    server,
    api: host.api,
    token,
    allowedOrigins: () => [origin],
    log: host.log.child({ part: 'ws' }),
  });
  return {
    url: `${origin}/#token=${token}`,
    port: actualPort,
    token,
    async close() {
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
