import { describe, expect, it } from 'vitest';
import { SessionView } from '../../main/api/contract';
import { ENDORSEMENT_STAGES, endorsementProgress, STAGE_KEYS } from '../../renderer/src/flow/endorsement-progress';
import { LANGUAGES, textFor } from '../support/catalogues';

const flow = { service: 'hk-macau-endorsement', sessionId: 's-1', txnId: 't-1' } as const;
const deadlineMs = 1_700_000_000_000;
const option = { code: 'G', validity: '3M', entries: 1, feeFen: 1500 } as const;
const done = (outcome: 'delivered' | 'refunded' | 'ended') =>
  SessionView.parse({ step: 'flow-done', ...flow, deadlineMs, outcome, messageKey: null, transactionNo: 'T1', receiptPrinted: true, permitRetained: false });
const busy = (activity: string) => SessionView.parse({ step: 'flow-busy', ...flow, activity });

describe('endorsement progress strip', () => {
  it('places every step of the flow on its stage', () => {
    const cases: [SessionView, string][] = [
      [SessionView.parse({ step: 'insert-permit', ...flow, deadlineMs }), 'read'],
      [SessionView.parse({ step: 'insert-id-card', service: flow.service, sessionId: 's-1', deadlineMs }), 'read'],
      [SessionView.parse({ step: 'reading-card', service: flow.service, sessionId: 's-1' }), 'read'],
      [busy('reading-permit'), 'read'],
      [busy('face-capture'), 'face'],
      [busy('verifying-identity'), 'face'],
      [busy('checking-eligibility'), 'choose'],
      [SessionView.parse({ step: 'choose-endorsement', ...flow, deadlineMs, maskedName: '张*', options: [option] }), 'choose'],
      [busy('creating-payment'), 'pay'],
      [SessionView.parse({ step: 'pay', ...flow, deadlineMs, qrPayload: 'x', amountFen: 1500, option }), 'pay'],
      [busy('producing'), 'produce'],
      [SessionView.parse({ step: 'take-permit', ...flow, deadlineMs }), 'produce'],
      [SessionView.parse({ step: 'take-permit', returning: true, ...flow, deadlineMs }), 'done'],
      [busy('printing-receipt'), 'produce'],
      [busy('finishing'), 'done'],
      [done('delivered'), 'done'],
      [done('refunded'), 'done'],
      [done('ended'), 'done'],
    ];
    for (const [view, stage] of cases) expect(endorsementProgress(view)?.current, `${view.step} ${'activity' in view ? view.activity : ''}`).toBe(stage);
  });

  it('covers every busy activity the contract declares', () => {
    const busyStep = SessionView.options.find((option) => option.shape.step.value === 'flow-busy');
    const activities = (busyStep?.shape as { activity?: { options: string[] } }).activity?.options ?? [];
    expect(activities.length).toBeGreaterThan(5);
    for (const activity of activities) expect(ENDORSEMENT_STAGES, activity).toContain(endorsementProgress(busy(activity))?.current);
  });

  it('moves forward only: the stages of the happy path never go back', () => {
    const path = [
      SessionView.parse({ step: 'insert-permit', ...flow, deadlineMs }),
      busy('reading-permit'),
      busy('face-capture'),
      busy('verifying-identity'),
      busy('checking-eligibility'),
      SessionView.parse({ step: 'choose-endorsement', ...flow, deadlineMs, maskedName: '张*', options: [option] }),
      busy('creating-payment'),
      SessionView.parse({ step: 'pay', ...flow, deadlineMs, qrPayload: 'x', amountFen: 1500, option }),
      busy('producing'),
      SessionView.parse({ step: 'take-permit', ...flow, deadlineMs }),
      busy('printing-receipt'),
      done('delivered'),
    ];
    const positions = path.map((view) => ENDORSEMENT_STAGES.indexOf(endorsementProgress(view)!.current));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(ENDORSEMENT_STAGES.length);
  });

  it('does not claim the earlier stages were gone through when the session ended early', () => {
    expect(endorsementProgress(done('delivered'))?.earlierCompleted).toBe(true);
    expect(endorsementProgress(done('refunded'))?.earlierCompleted).toBe(false);
    expect(endorsementProgress(done('ended'))?.earlierCompleted).toBe(false);
    expect(endorsementProgress(busy('finishing'))?.earlierCompleted).toBe(false);
    expect(endorsementProgress(busy('producing'))?.earlierCompleted).toBe(true);
  });

  it('shows no strip outside the endorsement', () => {
    expect(endorsementProgress({ step: 'idle' })).toBeNull();
    expect(endorsementProgress(SessionView.parse({ step: 'insert-id-card', service: 'id-reissue', sessionId: 's', deadlineMs }))).toBeNull();
    expect(endorsementProgress(SessionView.parse({ step: 'insert-permit', ...flow, service: 'certificate-pickup', deadlineMs }))).toBeNull();
    expect(
      endorsementProgress(SessionView.parse({ step: 'failed', service: flow.service, sessionId: 's', deadlineMs, messageKey: 'errors.internal', canRetry: false })),
    ).toBeNull();
  });

  it('names each stage in every language', () => {
    for (const language of LANGUAGES) {
      const names = ENDORSEMENT_STAGES.map((stage) => textFor(language, STAGE_KEYS[stage]));
      expect(names.every(Boolean), language).toBe(true);
      expect(new Set(names).size, language).toBe(ENDORSEMENT_STAGES.length);
    }
    expect(ENDORSEMENT_STAGES.map((stage) => textFor('zh-CN', STAGE_KEYS[stage]))).toEqual(['读取证件', '人脸核验', '选择签注', '缴费', '制证', '完成']);
  });
});
