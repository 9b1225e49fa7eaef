/**
 * The three harmless questions a probe asks a port, one per device of the contracts, each through
 * the drivers' own codecs:
 * - printer: DLE EOT 1-4 (real-time status; never prints, never feeds);
 * - ID reader: read SAM ID (`AA AA AA 96 69 00 03 12 FF EE`; the card is not touched);
 * - certificate unit: STATUS (`31 30`) to every address 00-0F at once; the unit at its DIP-switch
 *   address answers, the others' frames are ignored by it. STATUS never moves a card.
 * Each answers the identification or undefined. Nothing here throws on what a device sends.
 */
import { ACK, encodeCommand as encodeUnitCommand, type ReplyFrame } from '../../drivers/certificate-unit/codec';
import { COMMANDS } from '../../drivers/certificate-unit/commands';
import { FrameScanner as UnitFrameScanner } from '../../drivers/certificate-unit/frame-scanner';
import { encodeCommand as encodeReaderCommand, parseResponse, scanFrames, toHex } from '../../drivers/id-reader/codec';
import { Command, ResultCode } from '../../drivers/id-reader/commands';
import { decodeStatusReply, statusRequest } from '../../drivers/printer/codec';
import type { BytePipe } from '../../drivers/transport/byte-pipe';
import type { PortListener } from './listen';

/**
 * Time limits from the contracts, a little generous for USB-serial bridges. A second look at the
 * ports that answered nothing (probe.ts) waits `patience` times as long.
 */
export const PROBE_TIMEOUTS = {
  /** "The printer answers a status request within 100 ms". */
  printerStatusMs: 200,
  /** Extra bytes after a one-byte status reply mean it was not a printer's answer. */
  printerSettleMs: 30,
  /** find/select answer within 100-200 ms; SAM ID is of that kind. */
  readerSamIdMs: 400,
  /** ACK within 300 ms, then a quick reply. */
  unitStatusMs: 600,
} as const;

export interface PrinterIdentity {
  readonly device: 'printer';
  /** DLE EOT 1-4 reply bytes as hex, e.g. `12 12 12 12`. */
  readonly statusBytes: string;
  readonly paper: 'ok' | 'near-end' | 'out';
  readonly coverOpen: boolean;
}

export interface IdReaderIdentity {
  readonly device: 'idReader';
  /** The SAM's 16-byte id as hex; null when the reader answered with an error code instead. */
  readonly samId: string | null;
  /** SW3 of the answer (0x90 when the SAM id was read). */
  readonly sw3: number;
}

export interface CertificateUnitIdentity {
  readonly device: 'certificateUnit';
  readonly addr: number;
  /** st0 st1 st2 of the STATUS reply; null when the unit answered B0 (not initialised yet). */
  readonly status: { readonly cardPosition: string; readonly magazine: string; readonly retainBin: string } | null;
  /** A failure code instead of a status (`B0`: the unit wants INIT first, which the kiosk sends at start). */
  readonly errorCode: string | null;
}

export type Identity = PrinterIdentity | IdReaderIdentity | CertificateUnitIdentity;

/** Four DLE EOT questions, each answered by exactly one byte with the contract's fixed bits. */
export async function askPrinter(pipe: BytePipe, listener: PortListener, patience = 1): Promise<PrinterIdentity | undefined> {
  const bytes: number[] = [];
  for (const n of [1, 2, 3, 4] as const) {
    listener.clear();
    await pipe.write(statusRequest(n));
    const first = await listener.until((heard) => (heard.length > 0 ? heard[0] : undefined), PROBE_TIMEOUTS.printerStatusMs * patience);
    if (first === undefined) return undefined;
    const heard = await listener.settle(PROBE_TIMEOUTS.printerSettleMs);
    if (heard.length !== 1 || !decodeStatusReply(n, first).ok) return undefined;
    bytes.push(first);
  }
  const paper = decodeStatusReply(4, bytes[3]!);
  const cause = decodeStatusReply(2, bytes[1]!);
  if (!paper.ok || paper.value.n !== 4 || !cause.ok || cause.value.n !== 2) return undefined;
  return {
    device: 'printer',
    statusBytes: bytes.map((b) => b.toString(16).padStart(2, '0')).join(' '),
    paper: paper.value.paperEnd ? 'out' : paper.value.nearEnd ? 'near-end' : 'ok',
    coverOpen: cause.value.coverOpen,
  };
}

/** Read SAM ID; any checksum-valid GA 467 answer is a reader, even one reporting a SAM error. */
export async function askIdReader(pipe: BytePipe, listener: PortListener, patience = 1): Promise<IdReaderIdentity | undefined> {
  listener.clear();
  const [cmd, para] = Command.readSamId;
  await pipe.write(encodeReaderCommand(cmd, para));
  const frame = await listener.until((heard) => scanFrames(heard).frames[0], PROBE_TIMEOUTS.readerSamIdMs * patience);
  const response = frame === undefined ? undefined : parseResponse(frame);
  if (!response || response.sw1 !== 0 || response.sw2 !== 0) return undefined;
  const samId = response.sw3 === ResultCode.success && response.data.length === 16 ? toHex(response.data).replaceAll(' ', '') : null;
  return { device: 'idReader', samId, sw3: response.sw3 };
}

const isStatusReply = (frame: ReplyFrame): boolean => frame.cm === COMMANDS.status.cm && frame.pm === COMMANDS.status.pm;

/** STATUS to ADDR 00-0F in one burst; the first reply to it names the unit's address. */
export async function askCertificateUnit(pipe: BytePipe, listener: PortListener, patience = 1): Promise<CertificateUnitIdentity | undefined> {
  listener.clear();
  const burst = Array.from({ length: 16 }, (_, addr) => encodeUnitCommand(addr, COMMANDS.status.cm, COMMANDS.status.pm));
  const all = new Uint8Array(burst.reduce((sum, frame) => sum + frame.length, 0));
  burst.reduce((at, frame) => (all.set(frame, at), at + frame.length), 0);
  await pipe.write(all);
  const reply = await listener.until((heard) => {
    for (const event of new UnitFrameScanner().push(heard)) {
      if (event.kind === 'frame' && event.frame.kind !== 'command' && isStatusReply(event.frame)) return event.frame;
    }
    return undefined;
  }, PROBE_TIMEOUTS.unitStatusMs * patience);
  if (!reply) return undefined;
  // The link handshake: the host acknowledges a reply it took, so the unit does not send it again.
  await pipe.write(Uint8Array.of(ACK));
  if (reply.kind === 'success') {
    const [cardPosition, magazine, retainBin] = reply.status;
    return { device: 'certificateUnit', addr: reply.addr, status: { cardPosition, magazine, retainBin }, errorCode: null };
  }
  return { device: 'certificateUnit', addr: reply.addr, status: null, errorCode: reply.code };
}
