import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { type CommandHandlers, ApiDispatcher, RefusedError } from '../../../main/host/api/dispatcher';

function handlers(overrides: Partial<CommandHandlers> = {}): CommandHandlers {
  return {
    getKiosk: async () => ({ kioskId: 'GD-GZ-0001', defaultLanguage: 'zh-CN', services: [], outOfService: false }),
    getSession: async () => ({ step: 'idle' }),
    startService: async () => ({ step: 'idle' }),
    retryStep: async () => ({ step: 'idle' }),
    cancelSession: async () => ({ step: 'idle' }),
    finishSession: async () => ({ step: 'idle' }),
    chooseOption: async () => ({ step: 'idle' }),
    keypadInput: async () => ({ step: 'idle' }),
    confirmStep: async () => ({ step: 'idle' }),
    extendDeadline: async () => ({ step: 'idle' }),
    setElderly: async () => ({ step: 'idle' }),
    setLanguage: async () => ({ step: 'idle' }),
    scannedCode: async () => ({ step: 'idle' }),
    getMaintenance: async () => ({ step: 'closed' }),
    maintenance: async () => ({ step: 'closed' }),
    submitCapture: async () => ({ step: 'idle' }),
    reportCamera: async () => ({}),
    heartbeat: async ({ at }) => ({ at }),
    ...overrides,
  };
}

describe('screen API dispatcher', () => {
  it('answers a valid request with the handler result', async () => {
    const api = new ApiDispatcher(handlers());
    expect(await api.handle({ kind: 'request', id: 3, command: 'heartbeat', args: { at: 42 } })).toEqual({
      kind: 'response',
      id: 3,
      ok: true,
      result: { at: 42 },
    });
  });

  it('refuses hostile or broken messages with typed errors, never calling a handler', async () => {
    const startService = vi.fn(async () => ({ step: 'idle' }) as const);
    const api = new ApiDispatcher(handlers({ startService }));
    const cases: Array<[unknown, string]> = [
      [null, 'invalid_message'],
      ['{"kind":"request"}', 'invalid_message'],
      [{ kind: 'request', id: 1, command: '__proto__', args: {} }, 'unknown_command'],
      [{ kind: 'request', id: 1, command: 'constructor', args: {} }, 'unknown_command'],
      [{ kind: 'request', id: 1, command: 'startService', args: { service: 'rm -rf' } }, 'invalid_args'],
      [{ kind: 'request', id: 1, command: 'startService', args: { service: 'id-reissue', extra: 1 } }, 'invalid_args'],
      [{ kind: 'request', id: -5, command: 'getKiosk', args: {} }, 'invalid_message'],
    ];
    for (const [message, code] of cases) {
      const reply = await api.handle(message);
      expect(reply.ok, JSON.stringify(message)).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe(code);
    }
    expect(startService).not.toHaveBeenCalled();
  });

  it('property: any JSON value gets an answer and never throws', async () => {
    const api = new ApiDispatcher(handlers());
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const reply = await api.handle(value);
        expect(reply.kind).toBe('response');
      }),
    );
  });

  it('turns a refusal into its i18n key and a crash into an internal error', async () => {
    const onError = vi.fn();
    const api = new ApiDispatcher(
      handlers({
        retryStep: async () => {
          throw new RefusedError('nothing to retry', 'errors.nothingToRetry');
        },
        finishSession: async () => {
          throw new Error('boom');
        },
      }),
      onError,
    );
    expect(await api.handle({ kind: 'request', id: 1, command: 'retryStep', args: {} })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'errors.nothingToRetry' },
    });
    expect(await api.handle({ kind: 'request', id: 2, command: 'finishSession', args: {} })).toMatchObject({
      ok: false,
      error: { code: 'internal', messageKey: 'errors.internal' },
    });
    expect(onError).toHaveBeenCalledOnce();
  });

  it('does not let a handler send the screen a reply that breaks the contract', async () => {
    const api = new ApiDispatcher(handlers({ getSession: async () => ({ step: 'teleport' }) as never }));
    expect(await api.handle({ kind: 'request', id: 1, command: 'getSession', args: {} })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
