import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralClient } from '../../../main/host/sync/central-client';
import { signedHeaders } from '../../../main/host/sync/signing';
import { CentralSimulator } from '../../../simulators/central/server';

describe('request signing', () => {
  it('matches a signature computed independently with openssl', () => {
    // printf 'POST\n/api/v1/sync/batch\n1700000000000\n<nonce>\n<sha256 of body>' | openssl dgst -sha256 -hmac <secret> -binary | base64
    const headers = signedHeaders({
      method: 'post',
      path: '/api/v1/sync/batch',
      body: Buffer.from('{"records":[]}'),
      kioskId: 'GD-GZ-0001',
      secret: Buffer.from('dGVzdC1zZWNyZXQtZm9yLXRoZS1zaW11bGF0b3ItMzI=', 'base64'),
      timestampMs: 1_700_000_000_000,
      nonce: '00000000-0000-4000-8000-000000000001',
    });
    expect(headers).toEqual({
      'X-Kiosk-Id': 'GD-GZ-0001',
      'X-Timestamp': '1700000000000',
      'X-Nonce': '00000000-0000-4000-8000-000000000001',
      'X-Signature': 'EPXfDrr6LR2OXq61lPSXVY19PlFBbZnfGQsyhTxmho4=',
    });
  });
});

describe('signed requests reach central as signed', () => {
  const secret = randomBytes(32).toString('base64');
  let central: CentralSimulator | undefined;
  afterEach(async () => {
    await central?.stop();
    central = undefined;
  });
  async function start(tamper?: (url: URL, init: RequestInit) => void) {
    central = new CentralSimulator({ dbFile: ':memory:', secrets: { 'GD-GZ-0001': secret } });
    const baseUrl = await central.start();
    const fetchThrough: typeof fetch = async (input, init = {}) => {
      const url = new URL(String(input));
      tamper?.(url, init);
      return fetch(url, init);
    };
    return new CentralClient({ baseUrl, kioskId: 'GD-GZ-0001', secret, fetch: fetchThrough });
  }

  it('signs the path as it goes on the wire, query string and URL normalisation included', async () => {
    const client = await start();
    expect(await client.send({ method: 'GET', path: '/kiosks/GD-GZ-0001/certificates?since=2026-03-01 10:00&x=测试' })).toMatchObject({ kind: 'ok', status: 200 });
    expect(await client.send({ method: 'GET', path: '/kiosks/./GD-GZ-0001/staff' })).toMatchObject({ kind: 'ok', status: 200 });
    expect(central!.requests.map((r) => r.path)).toEqual([
      '/api/v1/kiosks/GD-GZ-0001/certificates?since=2026-03-01%2010:00&x=%E6%B5%8B%E8%AF%95',
      '/api/v1/kiosks/GD-GZ-0001/staff',
    ]);
  });

  it('a changed query string or a changed byte of a raw body breaks the signature', async () => {
    const query = await start((url) => url.searchParams.set('since', '1970-01-01'));
    expect(await query.send({ method: 'GET', path: '/kiosks/GD-GZ-0001/certificates?since=2026-03-01' })).toMatchObject({ status: 401, code: 'bad_signature' });
    await central!.stop();

    const bytes = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 1, 2, 3);
    const body = await start((_url, init) => {
      const sent = new Uint8Array(init.body as Uint8Array);
      sent[4] = (sent[4] ?? 0) ^ 1;
      init.body = sent;
    });
    const sha = createHash('sha256').update(bytes).digest('hex');
    const put = { method: 'PUT', path: `/attachments/${randomUUID()}/live.jpg`, body: { bytes, contentType: 'image/jpeg' }, headers: { 'Content-SHA256': sha } } as const;
    expect(await body.send(put)).toMatchObject({ status: 401, code: 'bad_signature' });

    // The same upload untouched is stored: the failure above is the tampering, not the request.
    await central!.stop();
    const honest = await start();
    expect(await honest.send(put)).toMatchObject({ kind: 'ok', status: 201 });
  });
});
