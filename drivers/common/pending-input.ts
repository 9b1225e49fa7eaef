/**
 * Event-loop turns given to input already there when a device's wait times out: one for a port's
 * bytes in the kernel, two for an answer that needs the request to reach the device first (the
 * in-process simulators answer within the loop). A host held up past the wait (a garbage
 * collection, a loaded machine) fires its timer before it reads an answer that came in time, and
 * that is not a silent device.
 */
const INPUT_TURNS = 2;

/** Resolves once the loop has had its turns to read what is waiting. */
export async function afterPendingInput(): Promise<void> {
  for (let turn = 0; turn < INPUT_TURNS; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}
