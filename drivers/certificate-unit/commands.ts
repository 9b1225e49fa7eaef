import type { CertificateUnitTimeouts } from './types';

/** Which reply timeout a command needs, by how much the unit has to move. */
export type ReplyTimeoutClass = 'quickReplyMs' | 'moveReplyMs' | 'initReplyMs' | 'rfReplyMs' | 'printReplyMs' | 'dispenseReplyMs';

export interface CommandCode {
  readonly name: string;
  readonly cm: number;
  readonly pm: number;
  readonly timeout: ReplyTimeoutClass;
}

const command = (name: string, cm: number, pm: number, timeout: ReplyTimeoutClass): CommandCode => ({
  name,
  cm,
  pm,
  timeout,
});

/** The commands of the contract (base CRT-591 set plus vendor extensions). */
export const COMMANDS = {
  initToHolding: command('INIT to holding', 0x30, 0x30, 'initReplyMs'),
  initCapture: command('INIT capture', 0x30, 0x31, 'initReplyMs'),
  initLeave: command('INIT leave card', 0x30, 0x33, 'initReplyMs'),
  status: command('STATUS', 0x31, 0x30, 'quickReplyMs'),
  statusSensors: command('STATUS with sensors', 0x31, 0x31, 'quickReplyMs'),
  moveToHolding: command('MOVE to holding', 0x32, 0x30, 'moveReplyMs'),
  moveToIc: command('MOVE to IC', 0x32, 0x31, 'moveReplyMs'),
  moveToRf: command('MOVE to RF', 0x32, 0x32, 'moveReplyMs'),
  capture: command('capture', 0x32, 0x33, 'moveReplyMs'),
  eject: command('eject', 0x32, 0x39, 'moveReplyMs'),
  entryEnable: command('ENTRY enable', 0x33, 0x30, 'quickReplyMs'),
  entryDisable: command('ENTRY disable', 0x33, 0x31, 'quickReplyMs'),
  retainCounter: command('retain counter', 0xa5, 0x30, 'quickReplyMs'),
  rfActivate: command('RF activate', 0x60, 0x30, 'rfReplyMs'),
  rfReadPermit: command('RF read permit', 0x60, 0x35, 'rfReplyMs'),
  rfWriteEndorsement: command('RF write endorsement', 0x60, 0x36, 'rfReplyMs'),
  printCardBack: command('print card back', 0x70, 0x30, 'printReplyMs'),
  dispenseSlot: command('dispense slot', 0x80, 0x30, 'dispenseReplyMs'),
  inventory: command('inventory', 0x80, 0x31, 'quickReplyMs'),
} as const;

export function replyTimeoutFor(code: CommandCode, timeouts: CertificateUnitTimeouts): number {
  return timeouts[code.timeout];
}
