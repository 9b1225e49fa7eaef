export { JobRecorder, type JobEnd, type RecordedJob } from './job-recorder';
export { PAPER_COLUMNS, PAPER_DOTS, type PaperBox, renderSvg, renderSvgLayout, renderText, type SvgRendering } from './render';
export { PAPER_MARGIN_DOTS, PAPER_TOP_DOTS, type PaperImage, renderPng, type ScriptPage } from './render-png';
export {
  PrinterSimulator,
  type PrinterSimulatorOptions,
  type PrinterSimulatorState,
  type ReplyMode,
  type SimulatedPaper,
} from './simulator';
export { simulatedPrinterOpener } from './simulated-opener';
