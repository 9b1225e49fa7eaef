export {
  type IdReaderFault,
  type IdReaderFaultKind,
  IdReaderSimulator,
  type IdReaderSimulatorOptions,
  type IdReaderSimulatorState,
} from './simulator';
export { simulatedIdReaderOpener, type SimulatedIdReaderOpenerOptions } from './simulated-opener';
export { isTestCardName, type TestCard, type TestCardName, testCardNames, testCards } from './test-cards';
