export type { Clock } from '../common/clock';
export { systemClock } from '../common/clock';
export * from './codec';
export * from './document';
export { PrinterDriver, type PrinterDriverOptions } from './driver';
export * from './types';
