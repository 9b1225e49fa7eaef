/**
 * What runs instead of the host on a production terminal that has no configuration yet: the
 * screen API with the first-boot screen's two commands (getProvisioning, provisioning), every
 * citizen command refused, and the kiosk shown out of service. Field staff provision the terminal
 * on its touch screen; `finish` restarts the kiosk on the configuration just written.
 */
import { type CommandName, commandNames, type KioskView, ServiceId } from '../../api/contract';
import { ApiDispatcher, type CommandHandlers, RefusedError } from '../api/dispatcher';
import type { Logger } from '../log';
import { ProvisioningSession, type ProvisioningSessionOptions } from './provisioning-session';

const NOT_PROVISIONED = 'provisioning.notProvisioned';

export interface FirstBootHost {
  readonly api: ApiDispatcher;
  readonly log: Logger;
  readonly session: ProvisioningSession;
}

export function firstBootHost(options: ProvisioningSessionOptions & { readonly log: Logger }): FirstBootHost {
  const session = new ProvisioningSession(options);
  const view: KioskView = {
    kioskId: '',
    defaultLanguage: 'zh-CN',
    outOfService: true,
    services: ServiceId.options.map((id) => ({ id, available: false, reasonKey: NOT_PROVISIONED })),
  };
  const refuse = async (): Promise<never> => {
    throw new RefusedError('this terminal is not provisioned yet', NOT_PROVISIONED);
  };
  // Every command refuses unless named below, including ones added to the contract later.
  const refusing = Object.fromEntries(commandNames.map((name: CommandName) => [name, refuse])) as unknown as CommandHandlers;
  const api = new ApiDispatcher(
    {
      ...refusing,
      getKiosk: async () => view,
      getSession: async () => ({ step: 'idle' }),
      heartbeat: async ({ at }) => ({ at }),
      getProvisioning: async () => session.view,
      provisioning: async (command) => session.command(command),
    },
    (error, command) => options.log.error({ err: error, command }, 'first-boot API handler failed'),
  );
  session.onChange((current) => api.emit('provisioning', current));
  options.log.warn({ centralUrl: options.centralUrl }, 'no configuration: the first-boot screen is shown for provisioning');
  return { api, log: options.log, session };
}
