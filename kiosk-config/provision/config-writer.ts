/**
 * The production configuration a provisioning writes: mode production, the kiosk id, site and
 * services from central's enrolment answer, the remote central with its sealed secret, and each
 * device on the port the probe found it on. A terminal provisioned again keeps what a person set
 * in the old file (ui, sync, storage, the probe interval); the journal and the outbox are not in
 * this file and are never touched. The file is validated before it is written, and written
 * atomically (a power cut leaves the old file or the new one).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Enrollment } from '../../main/host/central/central-schemas';
import { writeFileAtomic } from '../../main/host/store/key-files';
import type { FoundDevices } from '../probe/probe';
import { KioskConfig, type KioskConfigInput, SERVICE_IDS } from '../schema';
import { CENTRAL_SECRET_FILE } from './central-secret';

type ServiceId = (typeof SERVICE_IDS)[number];
const isServiceId = (value: string): value is ServiceId => (SERVICE_IDS as readonly string[]).includes(value);

export interface ProvisionedConfig {
  readonly file: string;
  readonly config: KioskConfigInput;
  /** True when a configuration was there before and was replaced (its own settings kept). */
  readonly replaced: boolean;
  /** The old file's own settings did not load and were left out. */
  readonly previousSettingsDropped: boolean;
  /** Services central named that this software does not know (left out of the file). */
  readonly unknownServices: readonly string[];
}

/** The previous file as raw JSON when it is an object; anything else is replaced whole. */
function previousOf(file: string): Record<string, unknown> | null {
  if (!existsSync(file)) return null;
  try {
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Requires all three devices: the caller checks `missing` before enrolling. */
export function devicesConfig(found: FoundDevices): NonNullable<KioskConfigInput['devices']> {
  const { idReader, printer, certificateUnit } = found;
  if (!idReader || !printer || !certificateUnit) throw new Error('all three devices must have been found');
  return {
    idReader: idReader.transport === 'hid' ? { transport: 'hid', path: idReader.path } : { transport: 'serial', path: idReader.path, baudRate: idReader.baudRate ?? 115200 },
    printer: { transport: 'serial', path: printer.path, baudRate: printer.baudRate },
    certificateUnit: { transport: 'serial', path: certificateUnit.path, baudRate: certificateUnit.baudRate, addr: certificateUnit.identity.addr },
  };
}

export function writeProvisionedConfig(file: string, centralUrl: string, enrolment: Enrollment, found: FoundDevices): ProvisionedConfig {
  const previous = previousOf(file);
  const previousDevices = previous && typeof previous.devices === 'object' && previous.devices !== null ? (previous.devices as Record<string, unknown>) : {};
  const services = enrolment.services.filter(isServiceId);
  const provisioned: KioskConfigInput = {
    mode: 'production',
    kioskId: enrolment.kioskId,
    site: enrolment.site,
    services,
    central: { mode: 'remote', baseUrl: centralUrl, secretFile: CENTRAL_SECRET_FILE },
    devices: {
      ...(typeof previousDevices.probeIntervalS === 'number' ? { probeIntervalS: previousDevices.probeIntervalS } : {}),
      ...devicesConfig(found),
    },
  };
  const merged: KioskConfigInput = { ...(previous ?? {}), ...provisioned };
  // Old settings that no longer load are dropped rather than making the new file unusable.
  const keepPrevious = KioskConfig.safeParse(merged).success;
  const config = keepPrevious ? merged : provisioned;
  // What is written must load: a file the kiosk would refuse is never put in place.
  KioskConfig.parse(config);
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(config, null, 2)}\n`, 0o600);
  return { file, config, replaced: previous !== null, previousSettingsDropped: previous !== null && !keepPrevious, unknownServices: enrolment.services.filter((s) => !isServiceId(s)) };
}
