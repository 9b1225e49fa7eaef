/** Simulated durations in ms. The ACK comes quickly; the reply comes when the motion is done. */
export interface SimulatorTiming {
  readonly ackDelayMs: number;
  readonly status: number;
  readonly init: number;
  readonly move: number;
  readonly rf: number;
  readonly print: number;
  readonly dispense: number;
}

/** Roughly what the hardware takes, for a technician running the simulator against the kiosk. */
export const REALISTIC_TIMING: SimulatorTiming = {
  ackDelayMs: 5,
  status: 10,
  init: 800,
  move: 400,
  rf: 150,
  print: 1500,
  dispense: 1200,
};

/** No device delay at all: tests and the bench measure host overhead only. */
export const ZERO_TIMING: SimulatorTiming = { ackDelayMs: 0, status: 0, init: 0, move: 0, rf: 0, print: 0, dispense: 0 };
