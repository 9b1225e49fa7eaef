export * from './codec';
export * from './commands';
export { CertificateUnitDriver, type WaitOptions } from './driver';
export * from './errors';
export { FrameScanner, type ScanEvent } from './frame-scanner';
export { CommandLink, type ExchangeOutcome, type ExchangeRequest, type LinkTimeouts } from './link';
export * from './messages';
export * from './types';
