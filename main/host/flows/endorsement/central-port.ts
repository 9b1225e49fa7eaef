import type { CentralApi } from '../../central/central-api';

/** The central calls the endorsement makes (contracts/central-api.md); CentralApi is the real one. */
export type EndorsementCentral = Pick<CentralApi, 'verifyIdentity' | 'endorsementEligibility' | 'createPayment' | 'getPayment' | 'cancelPayment' | 'refundPayment'>;
