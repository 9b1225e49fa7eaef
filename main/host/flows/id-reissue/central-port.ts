import type { CentralApi } from '../../central/central-api';

/** The central calls the ID reissue makes (contracts/central-api.md); CentralApi is the real one. */
export type IdReissueCentral = Pick<
  CentralApi,
  'verifyIdentity' | 'idReissueEligibility' | 'createPayment' | 'getPayment' | 'cancelPayment' | 'refundPayment' | 'issueTemporaryCertificate'
>;
