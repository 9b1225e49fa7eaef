/** The decoded card in the contract's JSON shape (id-reader-ga467.md, "Decoded card"). */

export type CardType = 'resident-id' | 'hk-macau-taiwan-permit' | 'foreign-permanent-2017' | 'foreign-permanent-2023';

export interface DecodedCard {
  readonly cardType: CardType;
  readonly name: string;
  readonly nameEn: string | null;
  readonly sex: 'male' | 'female' | null;
  readonly nation: string | null;
  readonly birthDate: string | null;
  readonly address: string | null;
  readonly idNumber: string;
  readonly issuer: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly permitNumber: string | null;
  readonly issueCount: string | null;
  readonly nationality: string | null;
  readonly photoWlt: string;
  readonly fingerprints: string | null;
}

/** The text fields of a card before photo and fingerprints are attached. */
export type CardText = Omit<DecodedCard, 'photoWlt' | 'fingerprints'>;
