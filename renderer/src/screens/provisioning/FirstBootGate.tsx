import { type ReactNode, useEffect, useState } from 'react';
import type { ProvisioningCommand, ProvisioningView } from '../../../../main/api/provisioning-contract';
import type { ApiClient } from '../../api-client';
import { FirstBootScreen } from './FirstBootScreen';

/**
 * Shows the first-boot screen while the host says the terminal is not provisioned (it answers
 * `getProvisioning`), and the kiosk (`children`) otherwise. A provisioned host refuses the command,
 * so a kiosk in service never shows it; after provisioning the host restarts and the kiosk appears.
 */
export function FirstBootGate({ api, children }: { readonly api: ApiClient; readonly children: ReactNode }) {
  const [view, setView] = useState<ProvisioningView | null>(null);

  useEffect(() => {
    const offEvent = api.onEvent((event, payload) => {
      if (event === 'provisioning') setView(payload as ProvisioningView);
    });
    const offConnection = api.onConnection((up) => {
      if (!up) return;
      void api.invoke('getProvisioning', {}).then(setView, () => setView(null));
    });
    return () => {
      offEvent();
      offConnection();
    };
  }, [api]);

  if (!view) return <>{children}</>;
  const send = (command: ProvisioningCommand) => void api.invoke('provisioning', command).then(setView, () => undefined);
  return <FirstBootScreen view={view} send={send} />;
}
