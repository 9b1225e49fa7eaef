export { JobRecorder, type JobEnd, type RecordedJob } from './job-recorder';
export { PAPER_COLUMNS, PAPER_DOTS, renderSvg, renderText } from './render';
export {
  PrinterSimulator,
  type PrinterSimulatorOptions,
  type PrinterSimulatorState,
  type ReplyMode,
  type SimulatedPaper,
} from './simulator';
export { simulatedPrinterOpener } from './simulated-opener';
