/**
 * The first-boot screen's host side without a screen: keys are checked and bounded, a malformed
 * entry never starts a run, the run's progress and typed failures become the view, and commands
 * out of turn are refused. The provisioning run is replaced by a scripted one here; the real one
 * runs in tests/e2e/provisioning.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ProvisioningView } from '../../main/api/provisioning-contract';
import { ProvisioningView as ViewSchema } from '../../main/api/provisioning-contract';
import { ProvisionError, type ProvisionInput, type ProvisionResult } from '../../kiosk-config/provision/provision';
import { ProvisioningSession } from '../../main/host/provisioning/provisioning-session';
import { RefusedError } from '../../main/host/api/dispatcher';

function session(run: (input: ProvisionInput) => Promise<ProvisionResult>, centralUrl: string | null = 'https://central.example.invalid', frameWaitMs?: number) {
  let finished = 0;
  const views: ProvisioningView[] = [];
  const s = new ProvisioningSession({ dataDir: '/nonexistent', centralUrl, run, onFinished: () => finished++, ...(frameWaitMs ? { frameWaitMs } : {}) });
  s.onChange((view) => views.push(view));
  return { s, views, finished: () => finished };
}

const typeText = (s: ProvisioningSession, text: string) => {
  for (const key of text) s.command({ action: 'key', key });
};

const never = () => new Promise<ProvisionResult>(() => undefined);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('first-boot session', () => {
  it('types into the chosen field, deletes, and stops at the field length', () => {
    const { s } = session(never);
    typeText(s, 'GD-GZ-0001');
    expect(s.view).toMatchObject({ field: 'kioskId', kioskId: 'GD-GZ-0001', messageKey: null });
    typeText(s, 'XYZ');
    expect(s.view.kioskId).toBe('GD-GZ-0001XY');
    expect(s.view.messageKey).toBe('provisioning.tooLong');
    s.command({ action: 'key', key: 'delete' });
    s.command({ action: 'key', key: 'delete' });
    s.command({ action: 'field', field: 'code' });
    typeText(s, 'K7QX');
    expect(s.view).toMatchObject({ field: 'code', kioskId: 'GD-GZ-0001', code: 'K7QX' });
    expect(ViewSchema.parse(s.view)).toEqual(s.view);
  });

  it('never starts a run on a malformed entry, and points at the field that is wrong', async () => {
    const calls: ProvisionInput[] = [];
    const { s } = session(async (input) => {
      calls.push(input);
      return never();
    });
    typeText(s, 'GD-GZ-00');
    s.command({ action: 'start' });
    expect(s.view).toMatchObject({ stage: 'enter', field: 'kioskId', messageKey: 'provisioning.badKioskId' });
    typeText(s, '01');
    s.command({ action: 'field', field: 'code' });
    typeText(s, 'K7QXM2TB9RH');
    s.command({ action: 'start' });
    expect(s.view).toMatchObject({ stage: 'enter', field: 'code', messageKey: 'provisioning.badCode' });
    typeText(s, 'D');
    s.command({ action: 'start' });
    expect(s.view.stage).toBe('probing');
    await settle();
    // The code as central wants it: groups of four.
    expect(calls).toEqual([expect.objectContaining({ kioskId: 'GD-GZ-0001', code: 'K7QX-M2TB-9RHD', centralUrl: 'https://central.example.invalid' })]);
    // While it runs, the entry is closed and a second start is refused.
    expect(() => s.command({ action: 'key', key: 'A' })).toThrow(RefusedError);
    expect(() => s.command({ action: 'start' })).toThrow(RefusedError);
    expect(() => s.command({ action: 'finish' })).toThrow(RefusedError);
  });

  it('says there is no central address instead of starting without one', () => {
    const { s } = session(never, null);
    expect(s.view.messageKey).toBe('provisioning.noCentralUrl');
    typeText(s, 'GD-GZ-0001');
    s.command({ action: 'field', field: 'code' });
    typeText(s, 'K7QX-M2TB-9RHD');
    s.command({ action: 'start' });
    expect(s.view).toMatchObject({ stage: 'enter', messageKey: 'provisioning.noCentralUrl' });
  });

  it('turns a typed failure into its message, keeps what was found, and goes back to the entry on retry', async () => {
    const { s, views } = session(async (input) => {
      input.onProgress?.({ kind: 'stage', stage: 'probing' });
      input.onProgress?.({ kind: 'probe', event: { kind: 'start', total: 2 } });
      input.onProgress?.({
        kind: 'probe',
        event: { kind: 'port', done: 1, total: 2, verdict: { path: '/dev/ttyUSB1', transport: 'serial', outcome: 'identified', baudRate: 115200, identity: { device: 'printer', statusBytes: '12 12 12 12', paper: 'ok', coverOpen: false } } },
      });
      input.onProgress?.({ kind: 'stage', stage: 'enrolling' });
      throw new ProvisionError('code_used', 'this enrolment code was used before');
    });
    typeText(s, 'GD-GZ-0001');
    s.command({ action: 'field', field: 'code' });
    typeText(s, 'K7QX-M2TB-9RHD');
    s.command({ action: 'start' });
    await settle();
    expect(views.map((v) => v.stage)).toEqual(expect.arrayContaining(['probing', 'enrolling', 'failed']));
    expect(s.view).toMatchObject({
      stage: 'failed',
      messageKey: 'provisioning.failed.codeUsed',
      detail: 'this enrolment code was used before',
      probe: { done: 1, total: 2 },
      found: { printer: '/dev/ttyUSB1', idReader: null, certificateUnit: null },
    });
    s.command({ action: 'retry' });
    expect(s.view).toMatchObject({ stage: 'enter', kioskId: 'GD-GZ-0001', code: 'K7QX-M2TB-9RHD', messageKey: null });
  });

  it('shows the self-test verdicts and restarts the kiosk only on finish', async () => {
    const result = {
      kioskId: 'GD-GZ-0001',
      site: { code: '440100', name: 'site' },
      selfTest: {
        passed: false,
        checks: {
          idReader: { result: 'failed', detail: 'no card' },
          certificateUnit: { result: 'passed', detail: '' },
          printer: { result: 'passed', detail: '' },
          camera: { result: 'not-tested', detail: '' },
        },
      },
    } as unknown as ProvisionResult;
    const { s, finished } = session(async () => result);
    typeText(s, 'GD-GZ-0001');
    s.command({ action: 'field', field: 'code' });
    typeText(s, 'K7QX-M2TB-9RHD');
    s.command({ action: 'start' });
    await settle();
    expect(s.view).toMatchObject({
      stage: 'done',
      enrolled: { kioskId: 'GD-GZ-0001', siteName: 'site' },
      selfTest: { passed: false, checks: { idReader: 'failed', certificateUnit: 'passed', printer: 'passed', camera: 'not-tested' } },
      messageKey: 'provisioning.selfTestProblems',
    });
    expect(finished()).toBe(0);
    s.command({ action: 'finish' });
    await settle();
    expect(finished()).toBe(1);
  });

  it("asks the screen for a camera frame during the self-test, judges its figures, and shows them", async () => {
    const { s, views } = session(async (input) => {
      input.onProgress?.({ kind: 'stage', stage: 'self-test' });
      const camera = await input.camera!();
      return { kioskId: 'GD-GZ-0001', site: { code: '440100', name: 'site' }, selfTest: { passed: camera.result === 'passed', checks: { idReader: ok, certificateUnit: ok, printer: ok, camera } } } as unknown as ProvisionResult;
    });
    const ok = { result: 'passed', detail: '' };
    startWith(s);
    await settle();
    expect(s.view).toMatchObject({ stage: 'self-test', cameraFrameWanted: true });
    expect(ViewSchema.parse(s.view)).toEqual(s.view);
    s.command({ action: 'camera-frame', frame: { taken: true, width: 640, height: 480, meanLuma: 2.4, spread: 1 } });
    await settle();
    expect(s.view).toMatchObject({
      stage: 'done',
      cameraFrameWanted: false,
      selfTest: { passed: false, checks: { camera: 'failed' }, cameraFrame: { width: 640, height: 480, meanLuma: 2, covered: true } },
      messageKey: 'provisioning.selfTestProblems',
    });
    expect(views.filter((v) => v.cameraFrameWanted)).toHaveLength(1);
    // Once answered, another frame is refused (a stale or hostile screen).
    expect(() => s.command({ action: 'camera-frame', frame: { taken: false, condition: 'offline', detail: 'x' } })).toThrow(RefusedError);
  });

  it('fails the camera check when the screen sends no frame in time', async () => {
    let report: unknown;
    const { s } = session(
      async (input) => {
        report = await input.camera!();
        return never();
      },
      'https://central.example.invalid',
      30,
    );
    startWith(s);
    await expect.poll(() => report).toMatchObject({ result: 'failed', detail: expect.stringContaining('no camera frame') });
    expect(s.view.cameraFrameWanted).toBe(false);
  });
});

function startWith(s: ProvisioningSession): void {
  typeText(s, 'GD-GZ-0001');
  s.command({ action: 'field', field: 'code' });
  typeText(s, 'K7QX-M2TB-9RHD');
  s.command({ action: 'start' });
}
