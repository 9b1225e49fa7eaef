/**
 * `kiosk sim code`: a one-time enrolment code from the central simulator, written into its file in
 * the data folder (the one `kiosk sim up` and `npm start` serve), so it works whether or not the
 * simulator runs right now. The technician panel's "Issue a one-time code" does the same.
 */
import { CentralStore } from '../../simulators/central/central-store';
import { Enrollment } from '../../simulators/central/enrollment';
import type { CliContext } from './cli-types';
import { centralDbFile } from './sim-up';

export async function issueEnrolmentCode(_context: CliContext): Promise<unknown> {
  const file = centralDbFile();
  const store = new CentralStore(file);
  try {
    return { code: new Enrollment(store.db).issueCode(Date.now()), centralDb: file };
  } finally {
    store.close();
  }
}
