import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { simulatorConfig } from '../../../kiosk-config/schema';
import { type Host, startHost } from '../../../main/host/host';
import { startUiServer, type UiServer } from '../../../main/host/ui-server';

let host: Host;
let ui: UiServer;
let origin: string;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'ws-')), config: simulatorConfig({}), log: pino({ level: 'silent' }) });
  ui = await startUiServer(host, rendererDir);
  origin = new URL(ui.url).origin;
});

afterAll(async () => {
  await ui.close();
  await host.stop();
});

function connect(token: string, fromOrigin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/api?token=${token}`, { origin: fromOrigin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function ask(ws: WebSocket, message: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  return new Promise((resolve) => {
    const listener = (data: Buffer) => {
      const parsed = JSON.parse(data.toString());
      if (parsed.kind === 'response') {
        ws.off('message', listener);
        resolve(parsed);
      }
    };
    ws.on('message', listener);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('browser-mode transport', () => {
  it('refuses a connection without the per-boot token', async () => {
    await expect(connect('wrong-token', origin)).rejects.toThrow('HTTP 403');
    await expect(connect('', origin)).rejects.toThrow('HTTP 403');
  });

  it('refuses a connection from another origin even with the token', async () => {
    await expect(connect(ui.token, 'http://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('answers garbage with typed errors and keeps serving', async () => {
    const ws = await connect(ui.token, origin);
    expect(await ask(ws, 'not json at all')).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await ask(ws, { kind: 'request', id: 1, command: 'startService', args: { service: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(await ask(ws, { kind: 'request', id: 2, command: 'getKiosk', args: {} })).toMatchObject({ ok: true });
    ws.close();
  });

  it('closes a connection that sends an oversized message, and the host stays up', async () => {
    const ws = await connect(ui.token, origin);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(200 * 1024));
    expect(await closed).toBe(1009);
    const again = await connect(ui.token, origin);
    expect(await ask(again, { kind: 'request', id: 1, command: 'getSession', args: {} })).toMatchObject({ ok: true });
    again.close();
  });

  it('serves pages with a strict CSP and refuses paths outside the UI folder', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/../../package.json', '/%E0%A4%A', '/index.html%00']) {
      expect((await fetch(`${origin}${path}`)).status, path).toBe(404);
    }
  });
});
