/**
 * Magazine loading checks the placement against the unit's inventory as it was when the
 * certificate was read: the assigned slot, and only it, must have been filled. A certificate put
 * into another slot, or a second card put in with it, is caught and nothing is recorded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { UNLOADED_CERTIFICATE } from '../../../simulators/certificate-unit/test-data';
import { act, centralRecords, delivered, enter, type Open, start, stopHosts } from './maintenance-harness';

afterEach(stopHosts);

describe('magazine loading: the placement', () => {
  it('catches a certificate put into another slot, and two slots filled at once; records only the right placement', async () => {
    const h = await start();
    const unit = h.simulators.certificateUnit!;
    const spare = unit.unloadMagazineSlot(29)!;
    unit.unloadMagazineSlot(30);
    await enter(h);
    h.simulators.idReader!.placeCard('foreign-2023');
    const read = (await act(h, { action: 'magazine-read' })) as Open;
    expect(read.magazine.pending).toMatchObject({ certificateId: 'SIM-CERT-NEW-01', slot: 29 });

    // Into slot 30 instead of 29.
    unit.loadMagazineSlot(30, UNLOADED_CERTIFICATE);
    expect(await act(h, { action: 'magazine-placed' })).toMatchObject({ messageKey: 'maintenance.magazine.wrongSlot', messageTone: 'problem', magazine: { pending: { slot: 29 } } });
    // Now 29 too, with 30 still filled: which of the two is this certificate is unknown.
    unit.loadMagazineSlot(29, spare);
    expect(await act(h, { action: 'magazine-placed' })).toMatchObject({ messageKey: 'maintenance.magazine.severalFilled', magazine: { pending: { slot: 29 } } });
    expect(centralRecords(h).some((r) => r.kind === 'magazine-loaded')).toBe(false);

    // The extra card out of 30: slot 29 alone was filled.
    unit.unloadMagazineSlot(30);
    expect(await act(h, { action: 'magazine-placed' })).toMatchObject({ messageKey: 'maintenance.magazine.loaded', magazine: { pending: null, lastLoaded: { slot: 29 } } });
    expect(await delivered(h, 'magazine-loaded')).toMatchObject({ certificateId: 'SIM-CERT-NEW-01', slot: 29 });
  });
});
