/** Where a start's time goes: the phase lines KIOSK_DEBUG_START=1 asks for (main/host/start-timing.ts). */
import { describe, expect, it } from 'vitest';
import { parseStartPhase, startPhase } from '../../main/host/start-timing';

describe('start-up phase lines (KIOSK_DEBUG_START=1)', () => {
  it('are written only when asked for, and read back', () => {
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stderr.write;
    try {
      startPhase('host: store open', {});
      startPhase('host: store open', { KIOSK_DEBUG_START: '1' });
    } finally {
      process.stderr.write = write;
    }
    expect(written).toHaveLength(1);
    const phase = parseStartPhase(written[0]!.trimEnd());
    expect(phase?.phase).toBe('host: store open');
    expect(phase?.ms).toBeGreaterThan(0);
    expect(phase?.cpuMs).toBeGreaterThan(0);
    expect(parseStartPhase('tongban: window: none')).toBeNull();
  });
});
