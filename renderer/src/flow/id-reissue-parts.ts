/** The parts of a resident ID number as the keypad echo shows them, with the host's names for a wrong part. */
export const ID_NUMBER_PARTS = [
  { name: 'region', from: 0, to: 6 },
  { name: 'birth-date', from: 6, to: 14 },
  { name: 'sequence', from: 14, to: 17 },
  { name: 'check-digit', from: 17, to: 18 },
] as const;

/** The reasons' and deliveries' catalogue keys. */
export const REASON_KEYS = { lost: 'idReissue.reason.lost', damaged: 'idReissue.reason.damaged', expired: 'idReissue.reason.expired' } as const;
