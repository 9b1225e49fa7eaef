import { startSimulatorPanel } from '../cli/sim-panel/server';
import { systemClock } from '../../drivers/common/clock';
import { CooperativeCitizen } from '../../simulators/citizen/cooperative-citizen';
import { FakeCameraScenes } from '../../simulators/camera/scene-files';
import { fakeCameraPath } from './camera/fake-camera';
import type { Host } from './host';

export interface SimulatorTools {
  /** The technician panel: change what the simulated citizen and devices do, inject faults. */
  readonly panelUrl: string;
  close(): Promise<void>;
}

/**
 * What makes simulator mode a complete demo: a cooperative citizen at the certificate unit (the
 * permit goes in when asked and is taken when it comes out; central's simulated payer pays a few
 * seconds after the QR appears) and the technician panel to change any of that. Null when the
 * host runs no simulators.
 */
export async function startSimulatorTools(host: Host): Promise<SimulatorTools | null> {
  if (host.config.mode !== 'simulator') return null;
  const unit = host.simulators.certificateUnit;
  const citizen = unit ? new CooperativeCitizen(unit, { clock: systemClock }) : undefined;
  citizen?.start();
  // The scene Chromium's fake camera plays: the window `npm start` opens reads this file.
  const camera = new FakeCameraScenes(fakeCameraPath(host.dataDir));
  const panel = await startSimulatorPanel({ ...host.simulators, ...(host.central ? { central: host.central } : {}), camera });
  return {
    panelUrl: panel.url,
    async close() {
      citizen?.stop();
      await panel.close();
    },
  };
}
