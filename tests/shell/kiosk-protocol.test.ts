import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrivilegedScheme } from '../../main/shell/electron-types';
import { KIOSK_ORIGIN, kioskContentSecurityPolicy } from '../../main/shell/kiosk-origin';
import { createKioskRequestHandler, registerKioskScheme, serveKioskProtocol } from '../../main/shell/kiosk-protocol';

function site() {
  const parent = mkdtempSync(join(tmpdir(), 'kiosk-protocol-'));
  const root = join(parent, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(parent, 'secret.txt'), 'outside the renderer');
  // A sibling whose name starts like the root: a naive prefix check would let it through.
  mkdirSync(join(parent, 'renderer-evil'));
  writeFileSync(join(parent, 'renderer-evil', 'x.js'), 'evil');
  return { root, handle: createKioskRequestHandler(root) };
}

const get = (url: string, method = 'GET') => new Request(url, { method });

describe('app://kiosk protocol', () => {
  it('registers one privileged, secure, standard scheme, without CSP bypass', () => {
    let registered: readonly PrivilegedScheme[] = [];
    registerKioskScheme({ registerSchemesAsPrivileged: (schemes) => (registered = schemes) });
    expect(registered).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }]);
    expect(registered[0]!.privileges.bypassCSP).toBeUndefined();
    expect(registered[0]!.privileges.corsEnabled).toBeUndefined();
  });

  it('serves the renderer files with their types and the CSP', async () => {
    const { handle } = site();
    const index = await handle(get(`${KIOSK_ORIGIN}/`));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(kioskContentSecurityPolicy());
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>kiosk</title>');
    const script = await handle(get(`${KIOSK_ORIGIN}/assets/app.js`));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const head = await handle(get(`${KIOSK_ORIGIN}/index.html`, 'HEAD'));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('sends a CSP without inline script, eval or network', () => {
    const csp = kioskContentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    // 'wasm-unsafe-eval' lets the face detector compile WebAssembly; JavaScript eval stays off.
    expect(csp).not.toMatch(/unsafe-inline|(?<!wasm-)unsafe-eval|https?:|ws:|\*/);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e/renderer-evil/x.js',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/missing.js',
    '/assets',
  ])('refuses %s with the CSP still attached', async (path) => {
    const { handle } = site();
    const response = await handle(get(`${KIOSK_ORIGIN}${path}`));
    expect([400, 404]).toContain(response.status);
    expect(await response.text()).not.toMatch(/outside the renderer|evil/);
    expect(response.headers.get('content-security-policy')).toBe(kioskContentSecurityPolicy());
  });

  it('refuses other hosts and methods', async () => {
    const { handle } = site();
    expect((await handle(get('app://other/index.html'))).status).toBe(404);
    expect((await handle(new Request(`${KIOSK_ORIGIN}/index.html`, { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('is what serveKioskProtocol hands to protocol.handle', async () => {
    const { root } = site();
    let scheme = '';
    let handler: ((request: Request) => Response | Promise<Response>) | undefined;
    serveKioskProtocol({ handle: (s, h) => ((scheme = s), (handler = h)) }, root);
    expect(scheme).toBe('app');
    expect((await handler!(get(`${KIOSK_ORIGIN}/index.html`))).status).toBe(200);
  });
});
