import type { KioskView, Language } from '../api/contract';
import { ServiceId } from '../api/contract';
import { ApiDispatcher, RefusedError } from './api/dispatcher';
import type { Logger } from './log';

const OUT_OF_SERVICE = 'services.kioskOutOfService';

/**
 * What runs instead of the host when the kiosk must not serve (no or a bad configuration on a
 * production terminal): the same screen API, answering that the kiosk is out of service and
 * refusing every session. The problem itself goes to the log and the console for field staff; the
 * citizen sees only "out of service", never a stack trace or a blank screen.
 */
export function outOfServiceHost(problem: string, log: Logger, language: Language = 'zh-CN'): { readonly api: ApiDispatcher; readonly log: Logger } {
  const view: KioskView = {
    kioskId: '',
    defaultLanguage: language,
    outOfService: true,
    services: ServiceId.options.map((id) => ({ id, available: false, reasonKey: OUT_OF_SERVICE })),
  };
  const refuse = async (): Promise<never> => {
    throw new RefusedError(`the kiosk is out of service: ${problem}`, OUT_OF_SERVICE);
  };
  const api = new ApiDispatcher({
    getKiosk: async () => view,
    getSession: async () => ({ step: 'idle' }),
    startService: refuse,
    retryStep: refuse,
    cancelSession: refuse,
    finishSession: refuse,
    chooseOption: refuse,
    keypadInput: refuse,
    confirmStep: refuse,
    extendDeadline: refuse,
    setElderly: refuse,
    setLanguage: refuse,
    scannedCode: refuse,
    // No configuration, no staff list: maintenance needs the configured kiosk (provisioning comes first).
    getMaintenance: async () => ({ step: 'closed' }),
    maintenance: refuse,
    submitCapture: refuse,
    reportCamera: async () => ({}),
    heartbeat: async ({ at }) => ({ at }),
  });
  log.error({ problem }, 'the kiosk is out of service until its configuration is mended');
  return { api, log };
}
