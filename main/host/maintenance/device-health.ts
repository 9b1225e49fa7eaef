import type { CameraPort } from '../../../drivers/camera/camera-port';
import { canServe } from '../../../drivers/common/device-status';
import type { MaintenanceDevices } from '../../api/maintenance-contract';
import type { ServiceId } from '../../api/contract';
import type { KioskDevices } from '../devices';
import { type NeededDevice, SERVICE_NEEDS } from '../operation/service-offer';

const line = (status: { readonly status: string; readonly detail?: string }) => ({ status: status.status, detail: status.detail ?? null });

/** Each device's last known status with the detail a technician needs (nothing is asked here). */
export function deviceDetail(devices: KioskDevices, camera: CameraPort): MaintenanceDevices {
  const { idReader, printer, certificateUnit } = devices;
  return {
    idReader: line(idReader.status),
    printer: { ...line(printer.status), paper: printer.status.paper, coverOpen: printer.status.coverOpen },
    certificateUnit: { ...line(certificateUnit.status), stock: certificateUnit.status.stock, retainBin: certificateUnit.status.retainBin, card: certificateUnit.status.card },
    camera: line(camera.status),
  };
}

const PROBLEM_KEYS: Readonly<Record<NeededDevice, string>> = {
  idReader: 'maintenance.problem.idReader',
  printer: 'maintenance.problem.printer',
  certificateUnit: 'maintenance.problem.certificateUnit',
  camera: 'maintenance.problem.camera',
};

/**
 * Why the kiosk may not go back into service: a device one of its enrolled services needs cannot
 * serve, or the retain bin is full (the next permit not taken would have nowhere to go).
 */
export function serviceProblems(devices: KioskDevices, camera: CameraPort, enrolled: readonly ServiceId[]): string[] {
  const needed = new Set(enrolled.flatMap((service) => SERVICE_NEEDS[service] ?? []));
  const usable = (device: NeededDevice) => canServe((device === 'camera' ? camera : devices[device]).status.status);
  const problems = [...needed].filter((device) => !usable(device)).map((device) => PROBLEM_KEYS[device]);
  if (needed.has('certificateUnit') && devices.certificateUnit.status.retainBin === 'full') problems.push('maintenance.problem.retainBinFull');
  return problems;
}
