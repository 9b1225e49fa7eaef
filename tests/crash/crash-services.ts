/**
 * The services the crash harness can drive, each in its own module. A scenario names its
 * service's scenario; `npm run crash` runs every scenario of every service listed here.
 */
import type { CrashService } from './crash-service';
import { endorsementCrash } from './endorsement-crash';
import { idReissueCrash } from './id-reissue-crash';
import { pickupCrash } from './pickup-crash';
import { reprintCrash } from './reprint-crash';
import type { Scenario } from './protocol';

export const CRASH_SERVICES: ReadonlyArray<CrashService<never>> = [endorsementCrash, idReissueCrash, pickupCrash, reprintCrash] as unknown as ReadonlyArray<CrashService<never>>;

export const SCENARIOS: readonly Scenario[] = CRASH_SERVICES.flatMap((service) => service.scenarios);

/** The service a scenario drives. */
export function crashServiceOf(scenario: Scenario): CrashService<unknown> {
  const service = CRASH_SERVICES.find((candidate) => candidate.scenarios.includes(scenario));
  if (!service) throw new Error(`no crash service has scenario ${scenario}`);
  return service as unknown as CrashService<unknown>;
}
