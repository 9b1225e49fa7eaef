/**
 * The technician control panel: a static page and a few JSON endpoints on 127.0.0.1, for the
 * devices of `kiosk sim up` or for the simulators a kiosk runs in process with its embedded
 * central (`startSimulatorPanel`). No external assets, no framework: the page is in page.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZodError } from 'zod';
import type { CertificateUnitSimulator } from '../../../simulators/certificate-unit/simulator';
import type { FakeCameraScenes } from '../../../simulators/camera/scene-files';
import type { CentralSimulator } from '../../../simulators/central/server';
import type { IdReaderSimulator } from '../../../simulators/id-reader/simulator';
import type { PrinterSimulator } from '../../../simulators/printer/simulator';
import { type PanelDevices, snapshot } from './bench-devices';
import { applyAction, type DeviceName } from './device-actions';
import { PANEL_HTML } from './page';
import { PANEL_SCRIPT } from './page-script';

export interface PanelServer {
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024;
const DEVICES: readonly DeviceName[] = ['id-reader', 'printer', 'certificate-unit', 'central', 'camera'];

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Everything is same-origin; SVG prints are shown as images from data: URLs.
    'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startPanelServer(
  devices: PanelDevices,
  ports: Readonly<Record<string, string>>,
  options: { readonly port?: number } = {},
): Promise<PanelServer> {
  let allowedHosts: readonly string[] = [];
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only the loopback names: a web page elsewhere cannot reach the panel by DNS rebinding.
    if (!allowedHosts.includes(req.headers.host ?? '')) return json(res, 403, { error: 'forbidden host' });
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'GET' && path === '/') return send(res, 200, 'text/html; charset=utf-8', PANEL_HTML);
    if (req.method === 'GET' && path === '/favicon.ico') {
      res.writeHead(204);
      return void res.end();
    }
    if (req.method === 'GET' && path === '/panel.js') return send(res, 200, 'text/javascript; charset=utf-8', PANEL_SCRIPT);
    if (req.method === 'GET' && path === '/api/state') return json(res, 200, { ports, ...(snapshot(devices) as object) });
    const device = DEVICES.find((name) => path === `/api/${name}`);
    if (device && req.method === 'POST') {
      // A JSON content type keeps plain cross-site form posts out.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return json(res, 415, { error: 'JSON only' });
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch (error) {
        return json(res, 400, { error: `bad body: ${error instanceof Error ? error.message : String(error)}` });
      }
      try {
        const outcome = applyAction(devices, device, body);
        if (!outcome) return json(res, 404, { error: `${device} is not simulated here` });
        return json(res, outcome.ok ? 200 : 409, outcome);
      } catch (error) {
        if (error instanceof ZodError) return json(res, 400, { error: 'invalid action', issues: error.issues });
        throw error;
      }
    }
    return json(res, 404, { error: 'not found' });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export interface SimulatorPanelOptions {
  readonly idReader?: IdReaderSimulator;
  readonly printer?: PrinterSimulator;
  readonly certificateUnit?: CertificateUnitSimulator;
  readonly central?: CentralSimulator;
  readonly camera?: FakeCameraScenes;
  /** 0 or left out: a free port. */
  readonly port?: number;
}

/**
 * The panel for simulators running inside a kiosk (simulator mode of `npm start`): whichever are
 * given get their section, on 127.0.0.1 only. The caller closes it before stopping the simulators.
 */
export function startSimulatorPanel(options: SimulatorPanelOptions): Promise<PanelServer> {
  const { port, ...devices } = options;
  const ports: Record<string, string> = devices.central ? { central: devices.central.baseUrl } : {};
  return startPanelServer(devices, ports, port === undefined ? {} : { port });
}
