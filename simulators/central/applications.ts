/**
 * POST /applications/query: the seeded applications of the test registry, plus every application
 * a kiosk has sent by /sync/batch ("known to central once its record has arrived"). From a synced
 * record the simulator reads `payload.applicationNo` and `payload.idNumber` (strings); a record
 * without both is not an application as far as this query goes.
 */
import { z } from 'zod';
import type { CentralStore } from './central-store';
import { ok, parseRequest } from './replies';
import type { Route } from './route';
import { type ApplicationKind, type ApplicationView, SEEDED_APPLICATIONS } from './test-registry-records';
import { testCards } from '../id-reader/test-cards';

const ByIdNumber = z.object({ sessionId: z.string().min(1).max(100), idNumber: z.string().min(1).max(40) }).strict();
const ByApplicationNo = z
  .object({
    sessionId: z.string().min(1).max(100),
    applicationNo: z.string().min(1).max(60),
    idNumberLast4: z.string().regex(/^[0-9]{3}[0-9Xx]$/, 'idNumberLast4 is the last 4 characters of the ID number'),
  })
  .strict();
const QueryApplications = z.union([ByIdNumber, ByApplicationNo]);

const RECORD_KINDS: Readonly<Record<string, ApplicationKind>> = {
  'id-reissue': 'id-reissue',
  endorsement: 'hk-macau-endorsement',
  'hk-macau-endorsement': 'hk-macau-endorsement',
};

interface KnownApplication {
  readonly idNumber: string;
  readonly view: ApplicationView;
}

function syncedApplications(store: CentralStore): KnownApplication[] {
  const found: KnownApplication[] = [];
  for (const record of store.records()) {
    const kind = RECORD_KINDS[record.kind];
    if (!kind) continue;
    const payload = (JSON.parse(record.body) as { payload?: Record<string, unknown> }).payload ?? {};
    if (typeof payload.applicationNo !== 'string' || typeof payload.idNumber !== 'string') continue;
    found.push({
      idNumber: payload.idNumber.toUpperCase(),
      view: {
        applicationNo: payload.applicationNo,
        kind,
        submittedAt: record.occurredAt,
        status: 'received',
        pickup: null,
        trackingNo: null,
        rejectReason: null,
      },
    });
  }
  return found;
}

function allApplications(store: CentralStore): KnownApplication[] {
  const seeded = SEEDED_APPLICATIONS.map(({ holder, ...view }) => ({ idNumber: testCards[holder].text.idNumber, view }));
  return [...seeded, ...syncedApplications(store)];
}

export function applicationRoutes(store: CentralStore): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/applications\/query$/,
      body: 'json',
      handle: ({ json }) => {
        const request = parseRequest(QueryApplications, json);
        if (!request.ok) return request.reply;
        const query = request.value;
        const matches = allApplications(store).filter((application) =>
          'idNumber' in query
            ? application.idNumber === query.idNumber.toUpperCase()
            : // A wrong last-4 finds nothing, exactly like an unknown number: nothing to probe with.
              application.view.applicationNo === query.applicationNo && application.idNumber.endsWith(query.idNumberLast4.toUpperCase()),
        );
        return ok({ applications: matches.map((application) => application.view) });
      },
    },
  ];
}
