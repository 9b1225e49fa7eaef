/**
 * What the crash harness needs to know of one service, so a scenario can drive any of them: the
 * parent's side (how the simulated world behaves, the device events to kill at, the facts to
 * judge by) and the child's side (the citizen at the screen). One module per service implements
 * it (endorsement-crash.ts, id-reissue-crash.ts); crash-services.ts lists them.
 */
import type { ServiceId } from '../../main/api/contract';
import type { Host } from '../../main/host/host';
import type { StoredRecord } from '../../simulators/central/central-store';
import type { CentralSimulator } from '../../simulators/central/server';
import type { CertificateUnitSimulator } from '../../simulators/certificate-unit/simulator';
import type { PrinterSimulator } from '../../simulators/printer/simulator';
import type { Counts } from './checks';
import type { CentralEvent, DeviceEvent, Scenario } from './protocol';

/** The simulated world the parent owns: it outlives the host, as on a terminal. */
export interface World {
  readonly kioskId: string;
  readonly unit: CertificateUnitSimulator;
  readonly printer: PrinterSimulator;
  readonly central: CentralSimulator;
}

/** What the child's driver may do at the screen. */
export interface Screen {
  readonly host: Host;
  /** A command the citizen's tap sends; a refusal fails the run. */
  call(command: string, args?: object): Promise<void>;
  /** Waits until `done()`, or fails the run at the child's deadline. */
  until(what: string, done: () => boolean): Promise<void>;
  /** Fails the run with this message. */
  fail(message: string): never;
  readonly deadline: number;
}

/** What a service's own checks found, added to the common counts. */
export interface ServiceVerdict {
  readonly counts: Partial<Counts>;
  readonly problems: readonly string[];
}

export interface CrashService<F = unknown> {
  readonly service: ServiceId;
  readonly scenarios: readonly Scenario[];
  /** The kind of the one record central gets per transaction. */
  readonly recordKind: string;
  /** Whether central's simulated payer pays by itself in this scenario. */
  autoPay(scenario: Scenario): boolean;
  /** Parent: sets the world up for the scenario (a citizen at the unit, a worn chip, central's refusals); returns how to stop it. */
  setUp(world: World, scenario: Scenario): () => void;
  /** Parent: the device events `npm run crash` kills the host at. */
  deviceEvents(scenario: Scenario): readonly DeviceEvent[];
  /** Parent: starts watching for a device event; `kill` runs the moment it happened. Returns how to stop watching. */
  watchDevice(world: World, event: DeviceEvent, kill: () => void): () => void;
  /** Parent: the answered central calls `npm run crash` keeps from the host while killing it. */
  centralEvents(scenario: Scenario): readonly CentralEvent[];
  /** Child: the citizen, from the attract screen to "done". */
  drive(screen: Screen, scenario: Scenario): Promise<void>;
  /** Parent, after the run: the service's facts of the world. */
  gather(world: World): F;
  /** The service's own verdict (pure), from its facts and the records central holds for the session's transactions. */
  check(facts: F, records: readonly StoredRecord[], txnIds: readonly string[]): ServiceVerdict;
}
