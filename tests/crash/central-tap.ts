/**
 * A loopback HTTP relay between the host child and the central simulator. It passes everything
 * through, except that it can kill the host the moment central has answered a chosen call for
 * good, and never hand that answer over: central did it (a payment made, a refund paid out,
 * records stored) and the kiosk never heard. That is the moment a crash costs money if recovery
 * gets it wrong, and no timer in the host can aim at it.
 */
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CentralEvent } from './protocol';

/** Which answered call each event is. */
const CALLS: Readonly<Record<CentralEvent, { readonly method: string; readonly path: RegExp }>> = {
  'payment-created': { method: 'POST', path: /^\/api\/v1\/payments$/ },
  'payment-cancelled': { method: 'POST', path: /^\/api\/v1\/payments\/[^/]+\/cancel$/ },
  'refund-made': { method: 'POST', path: /^\/api\/v1\/payments\/[^/]+\/refund$/ },
  'records-stored': { method: 'POST', path: /^\/api\/v1\/sync\/batch$/ },
  'certificate-issued': { method: 'POST', path: /^\/api\/v1\/temporary-certificates$/ },
};

/** A relay's answers are this slow at most before it gives up on central (the child's own timeout is shorter). */
const UPSTREAM_TIMEOUT_MS = 30_000;

export class CentralTap {
  readonly #server: Server;
  readonly #target: URL;
  #trap: { readonly event: CentralEvent; readonly spring: () => void } | undefined;
  #sprung = false;

  constructor(targetBaseUrl: string) {
    this.#target = new URL(targetBaseUrl);
    this.#server = createServer((req, res) => this.#relay(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The first successful answer to this call is not passed on; `spring` runs instead (it kills the host). */
  arm(event: CentralEvent, spring: () => void): void {
    this.#trap = { event, spring };
  }

  /** Whether the armed answer came (and was kept from the host). */
  get sprung(): boolean {
    return this.#sprung;
  }

  /** Nothing is held back any more (the recovery run). */
  disarm(): void {
    this.#trap = undefined;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #relay(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const upstream = request(
        { host: this.#target.hostname, port: this.#target.port, method: req.method, path: req.url, headers: req.headers, timeout: UPSTREAM_TIMEOUT_MS },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const trap = this.#trap;
            const call = trap ? CALLS[trap.event] : undefined;
            const status = answer.statusCode ?? 0;
            if (trap && call && !this.#sprung && req.method === call.method && call.path.test((req.url ?? '').split('?')[0]!) && status >= 200 && status < 300) {
              this.#sprung = true;
              trap.spring();
              req.socket.destroy();
              return;
            }
            res.writeHead(status, answer.headers);
            res.end(Buffer.concat(parts));
          });
        },
      );
      upstream.on('timeout', () => upstream.destroy(new Error('central did not answer the relay')));
      upstream.on('error', () => req.socket.destroy());
      upstream.end(body);
    });
  }
}
