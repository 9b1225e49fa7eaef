import { describe, expect, it } from 'vitest';
import type { ApplicationProgress } from '../../main/api/contract';
import { isApplicationNo, isIdNumberLast4, keyFits } from '../../main/host/flows/progress-query/input';
import { statusText } from '../../renderer/src/flow/progress-query-text';
import { textFor } from '../support/catalogues';

const base: ApplicationProgress = { applicationNo: 'GD-GZ-0001-20260105-3', kind: 'id-reissue', status: 'received', submittedAt: '2026-01-05T10:12:00+08:00', pickup: null, trackingNo: null, rejectReason: null };
const exists = (key: string) => textFor('zh-CN', key) !== undefined;
const say = (a: ApplicationProgress) => {
  const s = statusText(a, exists);
  let text = textFor('zh-CN', s.key) ?? `missing ${s.key}`;
  for (const [k, v] of Object.entries(s.values)) text = text.replace(`{{${k}}}`, v);
  return [text, s.reasonKey ? textFor('zh-CN', s.reasonKey) : null];
};

describe('progress query in plain words', () => {
  it('names the place for pickup, the tracking number for the post, and why for a rejection', () => {
    expect(say({ ...base, status: 'ready-for-pickup', pickup: { kind: 'station', name: '天河派出所', address: '天河路1号' } })[0]).toContain('天河派出所');
    expect(say({ ...base, status: 'mailed', trackingNo: 'SF0000000001' })[0]).toContain('SF0000000001');
    expect(say({ ...base, status: 'rejected', rejectReason: 'photo_not_compliant' })[1]).toContain('照片');
    expect(say({ ...base, status: 'rejected', rejectReason: 'no_such_reason' })[1]).toBe(textFor('zh-CN', 'progressQuery.rejectReason.other'));
    for (const status of ['received', 'in-production', 'collected'] as const) expect(say({ ...base, status })[0]).not.toMatch(/missing/);
  });

  it('checks application numbers as the kiosk assigns them, and the last 4 of an ID number', () => {
    expect(isApplicationNo('GD-GZ-0001-20260105-3A9F01')).toBe(true);
    expect(isApplicationNo('GD-GZ-0001-20260105-3')).toBe(true);
    expect(isApplicationNo('GD-GZ-0001-20260230-3')).toBe(false);
    expect(isApplicationNo('GD-GZ-001-20260105-3')).toBe(false);
    expect(isApplicationNo('GD-GZ-0001-20260105-')).toBe(false);
    expect(isIdNumberLast4('512X')).toBe(true);
    expect(isIdNumberLast4('X512')).toBe(false);
    expect(isIdNumberLast4('512')).toBe(false);
    expect(keyFits('idNumberLast4', '', 'A')).toBe(false);
    expect(keyFits('idNumberLast4', '1234', '5')).toBe(false);
    expect(keyFits('applicationNo', '', 'delete')).toBe(false);
  });
});
