import { describe, expect, it } from 'vitest';
import { signedHeaders } from '../../../main/host/sync/signing';

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
