import type { MaintenanceView } from '../../../../main/api/maintenance-contract';
import { MaintenanceDesk } from './MaintenanceDesk';
import type { MaintenanceSend } from './maintenance-actions';
import { CheckingPinScreen, LockedScreen, PinScreen } from './PinScreen';

/** What field staff see instead of the citizen's screens while maintenance is not closed. */
export function MaintenanceScreens({ view, send }: { readonly view: Exclude<MaintenanceView, { step: 'closed' }>; readonly send: MaintenanceSend }) {
  switch (view.step) {
    case 'pin':
      return <PinScreen view={view} send={send} />;
    case 'checking-pin':
      return <CheckingPinScreen />;
    case 'locked':
      return <LockedScreen view={view} send={send} />;
    case 'open':
      return <MaintenanceDesk view={view} send={send} />;
    default:
      return view satisfies never;
  }
}
