/**
 * GA 467 over USB-HID: the same frames, carried in 64-byte reports. Pure functions and a small
 * state machine, kept apart from node-hid so they are property-tested without a device.
 *
 * Out: a frame is cut into chunks of up to 63 bytes; each goes out as report ID 0x00 + chunk,
 * zero-padded to 64 bytes. In: the report ID is stripped and, because every report is padded to
 * 64 bytes, only the bytes that belong to the frame are passed on: the GA 467 LEN says how many
 * (LEN + 7), the rest of the last report is padding and dropped.
 */

export const HID_REPORT_LENGTH = 64;
export const HID_REPORT_ID = 0x00;
/** Frame bytes per report: the report minus its ID byte. */
export const HID_PAYLOAD_LENGTH = HID_REPORT_LENGTH - 1;

const PREAMBLE = [0xaa, 0xaa, 0xaa, 0x96, 0x69] as const;
/** Preamble + the two LEN bytes. */
const HEADER_LENGTH = PREAMBLE.length + 2;
/** Matches the codec's MAX_BODY_LENGTH + 1 (CHK): a LEN above it is noise, not a frame. */
const MAX_LEN = 4097;

/** Splits bytes into 64-byte reports: `00` + up to 63 bytes, zero padding after the last one. */
export function toReports(data: Uint8Array): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let offset = 0; offset < data.length; offset += HID_PAYLOAD_LENGTH) {
    const report = new Uint8Array(HID_REPORT_LENGTH);
    report[0] = HID_REPORT_ID;
    report.set(data.subarray(offset, offset + HID_PAYLOAD_LENGTH), 1);
    reports.push(report);
  }
  return reports;
}

/** The bytes after the report ID (a report of 0 bytes carries nothing). */
export function reportPayload(report: Uint8Array, hasReportId = true): Uint8Array {
  return hasReportId ? report.subarray(1) : report;
}

function startsWithPreamble(bytes: Uint8Array): boolean {
  if (bytes.length < PREAMBLE.length) return false;
  for (let i = 0; i < PREAMBLE.length; i++) if (bytes[i] !== PREAMBLE[i]) return false;
  return true;
}

/**
 * Rebuilds the byte stream of GA 467 frames from report payloads.
 *
 * Every frame starts at the beginning of a report (the sender cuts frame by frame), so the bytes
 * after a frame's last byte in the same report are padding. Between frames, bytes that cannot
 * start a preamble are dropped: they are padding or noise, and the frame scanner further up would
 * skip them anyway. A frame whose sender stopped halfway is abandoned when a later report starts
 * with a fresh preamble (a continuation report starting with `AA AA AA 96 69` by chance is a
 * 1 in 2^40 event), so one cut reply does not swallow the reply to the next command.
 */
export class HidFrameReassembler {
  /** Header bytes collected so far while hunting (0-7). */
  #header: number[] = [];
  /** Bytes still owed by the frame being passed on; 0 when between frames. */
  #remaining = 0;

  /** True while a frame has started but not all its LEN + 7 bytes have arrived. */
  get inFrame(): boolean {
    return this.#remaining > 0 || this.#header.length > 0;
  }

  reset(): void {
    this.#header = [];
    this.#remaining = 0;
  }

  /** Feeds one report's payload (report ID already stripped); returns the frame bytes in it. */
  push(payload: Uint8Array): Uint8Array {
    const out: number[] = [];
    let i = 0;
    if (this.#remaining > 0 && startsWithPreamble(payload)) {
      // The previous frame was cut off; this report starts a new one.
      this.#remaining = 0;
    }
    while (i < payload.length) {
      if (this.#remaining > 0) {
        const take = Math.min(this.#remaining, payload.length - i);
        for (let k = 0; k < take; k++) out.push(payload[i + k]!);
        i += take;
        this.#remaining -= take;
        // The frame is complete: what follows in this report is padding.
        if (this.#remaining === 0) break;
        continue;
      }
      const byte = payload[i]!;
      i++;
      const position = this.#header.length;
      if (position < PREAMBLE.length) {
        if (byte === PREAMBLE[position]) this.#header.push(byte);
        // A fourth `AA` shifts the preamble by one byte; an `AA` after `96` may start a new one.
        else if (byte === 0xaa) this.#header = position === 3 ? [0xaa, 0xaa, 0xaa] : [0xaa];
        else this.#header = [];
        continue;
      }
      this.#header.push(byte);
      if (this.#header.length < HEADER_LENGTH) continue;
      const len = (this.#header[5]! << 8) | this.#header[6]!;
      if (len < 2 || len > MAX_LEN) {
        this.#header = [];
        continue;
      }
      out.push(...this.#header);
      this.#header = [];
      this.#remaining = len;
    }
    return Uint8Array.from(out);
  }
}

/** Reassembles a whole sequence of reports (with report IDs) into the frame bytes they carry. */
export function fromReports(reports: readonly Uint8Array[], hasReportId = true): Uint8Array {
  const reassembler = new HidFrameReassembler();
  const parts = reports.map((report) => reassembler.push(reportPayload(report, hasReportId)));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
