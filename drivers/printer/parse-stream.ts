/** Whole-stream parsing into jobs, on top of the incremental parser. */
import type { ReceiptDocument, ReceiptElement } from './document';
import { EscPosStreamParser } from './stream-parser';

export interface ParsedJob {
  /** The elements from the initialise (or the previous cut) up to and including the cut. */
  readonly document: ReceiptDocument;
  readonly warnings: readonly string[];
}

export interface ParsedStream {
  readonly jobs: readonly ParsedJob[];
  /** Elements after the last cut (a job still being sent, or one that never got its cut). */
  readonly trailing: readonly ReceiptElement[];
  readonly statusRequests: readonly number[];
  readonly warnings: readonly string[];
}

/** Parses a whole byte stream at once (the simulator uses the incremental parser directly). */
export function parseEscPos(bytes: Uint8Array): ParsedStream {
  const events = new EscPosStreamParser().push(bytes);
  const jobs: ParsedJob[] = [];
  const statusRequests: number[] = [];
  const allWarnings: string[] = [];
  let elements: ReceiptElement[] = [];
  let warnings: string[] = [];
  for (const event of events) {
    switch (event.kind) {
      case 'status-request':
        statusRequests.push(event.n);
        break;
      case 'init':
        if (elements.length > 0) allWarnings.push(`job of ${elements.length} elements abandoned without a cut`);
        elements = [];
        warnings = [];
        break;
      case 'element':
        elements.push(event.element);
        if (event.element.kind === 'cut') {
          jobs.push({ document: { elements }, warnings });
          elements = [];
          warnings = [];
        }
        break;
      case 'mode':
        break;
      case 'warning':
        warnings.push(event.message);
        allWarnings.push(event.message);
        break;
      default: {
        const unreachable: never = event;
        allWarnings.push(`unknown event ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return { jobs, trailing: elements, statusRequests, warnings: allWarnings };
}
