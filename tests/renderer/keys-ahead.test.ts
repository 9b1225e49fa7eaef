import { describe, expect, it } from 'vitest';
import { SessionView } from '../../main/api/contract';
import { ECHO_DOT, withKeysAhead } from '../../renderer/src/flow/keys-ahead';

const flow = { sessionId: 's-1', txnId: 't-1', deadlineMs: 1_700_000_090_000 } as const;
const reissue = (echo: string, typed = echo.length) =>
  SessionView.parse({ step: 'reissue-id-input', service: 'id-reissue', ...flow, typed, echo, problemKey: null, problemPart: null });
const pickup = (field: 'pickupCode' | 'idNumber', echo: string, maxLength: number, typed = echo.length) =>
  SessionView.parse({ step: 'pickup-input', service: 'certificate-pickup', ...flow, field, typed, maxLength, echo, messageKey: null });
const query = (field: 'applicationNo' | 'idNumberLast4', echo: string, maxLength: number) =>
  SessionView.parse({ step: 'query-input', service: 'progress-query', ...flow, field, typed: echo.length, maxLength, echo, messageKey: null });
const shown = (view: SessionView) => ('echo' in view ? { echo: view.echo, typed: view.typed } : null);

describe('withKeysAhead: the keypad echo before the host answers', () => {
  it('adds the keys pressed as typed, and takes a delete back', () => {
    expect(shown(withKeysAhead(reissue('1101'), ['0', '1']))).toEqual({ echo: '110101', typed: 6 });
    expect(shown(withKeysAhead(pickup('pickupCode', '123', 8), ['4', 'delete', 'delete']))).toEqual({ echo: '12', typed: 2 });
    expect(shown(withKeysAhead(query('applicationNo', 'K-2026', 26), ['A']))).toEqual({ echo: 'K-2026A', typed: 7 });
  });

  it('echoes a field the host shows as dots with dots, never the digit', () => {
    expect(shown(withKeysAhead(query('idNumberLast4', ECHO_DOT.repeat(2), 4), ['7', 'X']))).toEqual({ echo: ECHO_DOT.repeat(4), typed: 4 });
  });

  it('leaves to the host what only it can show: the key completing an ID number, a masked echo, a full field', () => {
    const seventeen = '11010119900307001';
    // The 18th character: the host masks the complete number, so the screen shows nothing of it first.
    expect(withKeysAhead(reissue(seventeen), ['X'])).toEqual(reissue(seventeen));
    expect(withKeysAhead(pickup('idNumber', seventeen, 18), ['5'])).toEqual(pickup('idNumber', seventeen, 18));
    // Masked (the echo is not the typed text): not even a delete is foreseen.
    const masked = reissue('110101********001X', 18);
    expect(withKeysAhead(masked, ['delete'])).toBe(masked);
    const fullCode = pickup('pickupCode', '12345678', 8);
    expect(withKeysAhead(fullCode, ['9'])).toBe(fullCode);
    // A pickup code is not an ID number: its last digit shows at once.
    expect(shown(withKeysAhead(pickup('pickupCode', '1234567', 8), ['8']))).toEqual({ echo: '12345678', typed: 8 });
  });

  it('stops at the first key it cannot foresee: none after it is shown', () => {
    expect(shown(withKeysAhead(reissue('1101011990030700'), ['1', 'X', 'delete']))).toEqual({ echo: '11010119900307001', typed: 17 });
  });

  it('changes nothing on a step without a keypad, or without keys', () => {
    const other = SessionView.parse({ step: 'reissue-choose-reason', service: 'id-reissue', ...flow, reasons: ['lost'] });
    expect(withKeysAhead(other, ['1'])).toBe(other);
    const view = reissue('11');
    expect(withKeysAhead(view, [])).toBe(view);
  });
});
