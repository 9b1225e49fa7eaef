/**
 * The pickup statechart on its own: what each citizen action and effect result does, what
 * recovery decides per state, and the record each end gives central.
 */
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { pickupRecord, pickupRecovery } from '../../../main/host/flows/certificate-pickup/definition';
import { pickupMachine } from '../../../main/host/flows/certificate-pickup/machine';
import type { PickupContext, PickupEvent } from '../../../main/host/flows/certificate-pickup/types';
import { pickupView } from '../../../main/host/flows/certificate-pickup/view';

const HOLDER = '440304194811200025';
const CERTIFICATE = { certificateId: 'C-1', kind: 'resident-id', slot: 4 };

function chart(...events: PickupEvent[]) {
  const actor = createActor(pickupMachine, { input: { sessionId: 's', kioskId: 'GD-GZ-0001', startedAtMs: Date.parse('2026-11-23T03:00:00Z') } });
  actor.start();
  for (const event of events) actor.send(event);
  const snapshot = actor.getSnapshot();
  return { state: snapshot.value as string, context: snapshot.context as PickupContext, can: (event: PickupEvent) => snapshot.can(event) };
}
const typed = (text: string): PickupEvent[] => [...text].map((key) => ({ type: 'KEY', key }));
const toFace: PickupEvent[] = [{ type: 'CHOOSE', index: 0 }, ...typed(HOLDER), { type: 'CONFIRM' }];
const toGate: PickupEvent[] = [
  ...toFace,
  { type: 'FACE_CAPTURED', photo: { name: 'live.jpg', sha256: 'ab', bytes: 1, livenessMethod: 'blink' } },
  { type: 'VERIFIED', personId: 'P1' },
  { type: 'MATCHED', certificate: CERTIFICATE, retainCount: 2 },
  { type: 'DISPENSED' },
];

describe('the pickup statechart', () => {
  it('goes from the keypad through the face and the match to the gate, and ends collected', () => {
    expect(chart(...toFace).state).toBe('capturingFace');
    const atGate = chart(...toGate);
    expect(atGate.state).toBe('handingOver');
    expect(atGate.context).toMatchObject({ certificate: CERTIFICATE, retainCountBefore: 2, dispensed: true });
    // Once matched, the typed number is not kept (not even in the journal's snapshot).
    expect(atGate.context.idNumber).toBe('');
    const end = chart(...toGate, { type: 'CERTIFICATE_OUT', fate: 'taken' });
    expect(end.state).toBe('completed');
    // The number is forgotten at the end; the view and the record say collected.
    expect(end.context.idNumber).toBe('');
    expect(pickupView(end.state, end.context)).toMatchObject({ step: 'pickup-done', outcome: 'collected', messageKey: null });
    expect(pickupRecord(end.state, end.context, []).payload).toMatchObject({ outcome: 'collected', certificateId: 'C-1', slot: 4, dispensed: true, staffAction: null });
  });

  it('times out or cancels at the keypad and the face, never once the certificate moves', () => {
    expect(chart({ type: 'CHOOSE', index: 0 }, { type: 'TIMEOUT' })).toMatchObject({ state: 'ended', context: { failureKey: 'pickup.failed.timedOut' } });
    expect(chart(...toFace, { type: 'CANCEL' })).toMatchObject({ state: 'ended', context: { failureKey: 'pickup.failed.cancelled', dispensed: false } });
    const atGate = chart(...toGate);
    expect(atGate.can({ type: 'CANCEL' })).toBe(false);
    expect(atGate.can({ type: 'TIMEOUT' })).toBe(false);
  });

  it('a certificate not taken is retained, with a card-retained record beside the pickup record', () => {
    const end = chart(...toGate, { type: 'CERTIFICATE_OUT', fate: 'retained' });
    expect(pickupView(end.state, end.context)).toMatchObject({ outcome: 'retained' });
    const record = pickupRecord(end.state, end.context, []);
    expect(record.payload).toMatchObject({ outcome: 'retained', fate: 'retained' });
    expect(record.sideRecords).toEqual([{ kind: 'card-retained', payload: expect.objectContaining({ card: 'certificate', certificateId: 'C-1', slot: 4, reason: 'not-taken' }) }]);
  });

  it('a unit failure during the hand-over leaves the certificate for staff to find, not collected', () => {
    const end = chart(...toGate, { type: 'FAILED', failureKey: 'pickup.failed.jammed', staffAction: 'clear-jam' });
    expect(end.state).toBe('completed');
    expect(end.context).toMatchObject({ fate: 'unknown', staffAction: 'find-certificate' });
    // The citizen is told the hand-over's end is unknown and where to go, not only "jammed".
    expect(pickupView(end.state, end.context)).toMatchObject({ outcome: 'not-collected', messageKey: 'pickup.failed.handOverUnknown' });
    expect(pickupRecord(end.state, end.context, []).payload).toMatchObject({ outcome: 'unknown', dispensed: true });
    const gone = chart(...toGate, { type: 'CERTIFICATE_OUT', fate: 'unknown' });
    expect(gone.context).toMatchObject({ staffAction: 'find-certificate', failureKey: 'pickup.failed.handOverUnknown' });
  });

  it('a failure before the dispense names the certificate for staff and keeps it assigned', () => {
    const end = chart(...toFace, { type: 'FACE_CAPTURED', photo: { name: 'live.jpg', sha256: 'ab', bytes: 1, livenessMethod: 'blink' } }, { type: 'VERIFIED', personId: 'P1' }, {
      type: 'FAILED',
      failureKey: 'pickup.failed.notAvailable',
      staffAction: 'check-magazine',
      certificate: CERTIFICATE,
    });
    expect(end.state).toBe('ended');
    expect(pickupRecord(end.state, end.context, []).payload).toMatchObject({ outcome: 'not-collected', dispensed: false, staffAction: 'check-magazine', certificateId: 'C-1' });
  });

  it('a dispense that fails looks at the unit before ending: an empty slot ends at once, anything else is checked', () => {
    const slotEmpty = chart(...toGate.slice(0, -1), { type: 'FAILED', failureKey: 'pickup.failed.notAvailable', staffAction: 'check-magazine', certificate: CERTIFICATE });
    expect(slotEmpty).toMatchObject({ state: 'ended', context: { dispensed: false } });
    const jammed: PickupEvent[] = [...toGate.slice(0, -1), { type: 'FAILED', failureKey: 'pickup.failed.jammed', staffAction: 'clear-jam' }];
    expect(chart(...jammed).state).toBe('recheckingDispense');
    // Still in its slot: ended with the jam's words, assigned.
    expect(chart(...jammed, { type: 'NOT_DISPENSED' })).toMatchObject({ state: 'ended', context: { failureKey: 'pickup.failed.jammed', staffAction: 'clear-jam', dispensed: false } });
    // In the gate after all: handed over.
    expect(chart(...jammed, { type: 'DISPENSED' })).toMatchObject({ state: 'handingOver', context: { dispensed: true } });
    // An effect that threw: the unit fault's words.
    expect(chart(...toGate.slice(0, -1), { type: 'EFFECT_FAILED' }, { type: 'NOT_DISPENSED' }).context.failureKey).toBe('pickup.failed.deviceFault');
  });

  it('recovery: before the dispense the transaction ends; a dispense is rechecked; a hand-over resumes', () => {
    for (const state of ['choosingMethod', 'enteringPickupCode', 'enteringIdNumber', 'capturingFace', 'verifyingIdentity', 'findingCertificate']) {
      expect(pickupRecovery(state)).toMatchObject({ goTo: 'ended', note: { failureKey: 'pickup.failed.interrupted', idNumber: '', pickupCode: '' } });
    }
    expect(pickupRecovery('dispensing')).toEqual({ goTo: 'recheckingDispense' });
    expect(pickupRecovery('recheckingDispense')).toBe('resume');
    expect(pickupRecovery('handingOver')).toBe('resume');
  });
});
