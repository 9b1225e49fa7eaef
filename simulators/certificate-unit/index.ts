export { executeCommand, FIRMWARE, type DeviceReply, type MotionKind } from './device-commands';
export { renderCardBackSvg, renderCardBackText } from './render';
export {
  CertificateUnitSimulator,
  type CertificateUnitSimulatorOptions,
  REALISTIC_TIMING,
  type SimulatorTiming,
  ZERO_TIMING,
} from './simulator';
export { type CardLocation, type CertificateUnitSimState, type SimCard, UnitModel } from './state';
export { type MagazineCertificate, type SimPermit, sampleMagazine, TEST_PERMITS, UNLOADED_CERTIFICATE } from './test-data';
export { simulatedCertificateUnitOpener } from './simulated-opener';
