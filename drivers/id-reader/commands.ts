/** GA 467 command codes (CMD, PARA) and result codes (SW3), as named in the contract. */

export const Command = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  readSamId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readTextPhoto: [0x30, 0x01],
  readAppendedAddress: [0x30, 0x03],
  readTextPhotoFingerprint: [0x30, 0x10],
} as const satisfies Record<string, readonly [number, number]>;

export type CommandName = keyof typeof Command;

export const ResultCode = {
  success: 0x90,
  noContent: 0x91,
  findSuccess: 0x9f,
  checksumError: 0x10,
  lengthError: 0x11,
  commandError: 0x21,
  unauthorised: 0x23,
  unrecognised: 0x24,
  cardAuthFailed: 0x31,
  samAuthFailed: 0x32,
  verificationError: 0x33,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomFailed: 0x47,
  samSelfTestFailed: 0x60,
  samNotAuthorised: 0x66,
  noCard: 0x80,
  selectFailed: 0x81,
} as const;

const resultMessages: Readonly<Record<number, string>> = {
  0x90: 'success',
  0x91: 'card has no content for this item',
  0x9f: 'find card success',
  0x10: 'checksum error in received data',
  0x11: 'length error',
  0x21: 'command error',
  0x23: 'unauthorised operation',
  0x24: 'unrecognised error',
  0x31: 'card failed to authenticate the SAM',
  0x32: 'SAM failed to authenticate the card',
  0x33: 'information verification error',
  0x40: 'unrecognised card type',
  0x41: 'read card failed',
  0x47: 'random number failed',
  0x60: 'SAM self-test failed',
  0x66: 'SAM not authorised',
  0x80: 'find card failed (no card)',
  0x81: 'select card failed',
};

export function describeResult(sw3: number): string {
  return resultMessages[sw3] ?? `unknown result code 0x${sw3.toString(16).padStart(2, '0')}`;
}
