import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { ProvisioningCommand, ProvisioningView } from '../../../../main/api/provisioning-contract';
import type { ApiClient } from '../../api-client';
import { takeFrameFigures } from '../../camera/frame-check';
import { FirstBootScreen } from './FirstBootScreen';

/**
 * Shows the first-boot screen while the host says the terminal is not provisioned (it answers
 * `getProvisioning`), and the kiosk (`children`) otherwise. A provisioned host refuses the command,
 * so a kiosk in service never shows it; after provisioning the host restarts and the kiosk appears.
 * When the self-test asks for it, the page takes one frame from its camera and sends its figures.
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

  const frameWanted = view?.cameraFrameWanted === true;
  const taking = useRef(false);
  useEffect(() => {
    if (!frameWanted || taking.current) return;
    taking.current = true;
    void takeFrameFigures()
      .then((frame) => api.invoke('provisioning', { action: 'camera-frame', frame }))
      .then(setView, () => undefined)
      .finally(() => {
        taking.current = false;
      });
  }, [api, frameWanted]);

  if (!view) return <>{children}</>;
  const send = (command: ProvisioningCommand) => void api.invoke('provisioning', command).then(setView, () => undefined);
  return <FirstBootScreen view={view} send={send} />;
}
