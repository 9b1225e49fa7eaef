/**
 * A reissue application made at another kiosk, as central holds it once that kiosk's record came
 * by /sync/batch: `/applications/query` finds it (status received), and `/temporary-certificates`
 * issues its certificate on first ask. For tests of the certificate reprint ("print it at any kiosk").
 */
import type { CentralSimulator } from '../../simulators/central/server';

export function reissueAppliedElsewhere(central: Pick<CentralSimulator, 'store'>, idNumber: string, applicationNo: string, occurredAt: string): void {
  central.store.store({
    // The application number starts with the kiosk's id (<kioskId>-<yyyymmdd>-<seq>).
    kioskId: applicationNo.slice(0, 10),
    txnId: `elsewhere-${applicationNo}`,
    seq: 1,
    kind: 'id-reissue',
    occurredAt,
    body: JSON.stringify({ payload: { applicationNo, idNumber } }),
    receivedAt: Date.now(),
  });
}
