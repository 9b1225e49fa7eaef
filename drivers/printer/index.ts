export * from './citizen-messages';
export type { DriverClock } from './clock';
export { systemClock } from './clock';
export * from './codec';
export * from './document';
export { PrinterDriver, type PrinterDriverOptions } from './driver';
export * from './types';
