/** What can keep the kiosk from making a GA 461 photo at all (a photo that breaks a rule is not an error: its checks say so). */
export type Ga461ErrorCode = 'no-face' | 'bad-face' | 'bad-frame' | 'jpeg-malformed' | 'jpeg-format' | 'jpeg-size';

export class Ga461Error extends Error {
  override readonly name = 'Ga461Error';
  constructor(
    readonly code: Ga461ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
