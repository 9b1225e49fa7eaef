/**
 * Elderly mode's fewer items per screen: how many of a long list one page shows. A station of the
 * ID reissue's delivery takes two lines (name and address), an endorsement fits in one row, an
 * application found by the progress query takes four, one the certificate reprint offers two.
 */
export const ELDERLY_PER_PAGE = { endorsements: 4, deliveries: 3, applications: 2, reprintApplications: 3 } as const;

/** The page size for a list in this mode: all at once unless in elderly mode. */
export const perPage = (elderly: boolean | undefined, list: keyof typeof ELDERLY_PER_PAGE): number | null => (elderly ? ELDERLY_PER_PAGE[list] : null);
