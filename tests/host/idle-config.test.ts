/** The idle settings in the kiosk configuration: defaults, and texts refused unless given in every language. */
import { describe, expect, it } from 'vitest';
import { simulatorConfig, UiConfig } from '../../kiosk-config/schema';

const notice = { 'zh-CN': '系统维护', 'zh-TW': '系統維護', en: 'Maintenance tonight' };

describe('idle settings in the configuration', () => {
  it('has defaults: counter hours in every language, no notices, a slow attract loop, 1.5x in elderly mode', () => {
    const ui = simulatorConfig().ui;
    expect(ui.notices).toEqual([]);
    expect(Object.keys(ui.counterHours ?? {}).sort()).toEqual(['en', 'zh-CN', 'zh-TW']);
    expect(ui.attract).toEqual({ afterS: 60, slideS: 8 });
    expect(ui.elderlyTimeFactor).toBe(1.5);
    expect(simulatorConfig({ ui: { notices: [notice], counterHours: null } }).ui).toMatchObject({ notices: [notice], counterHours: null });
  });

  it('refuses a notice missing a language, an empty or unknown one, too many, and timings out of range', () => {
    const refused = [
      { notices: [{ 'zh-CN': '系统维护', en: 'Maintenance' }] },
      { notices: [{ ...notice, en: '   ' }] },
      { notices: [{ ...notice, fr: 'Maintenance' }] },
      { notices: Array.from({ length: 11 }, () => notice) },
      { counterHours: 'Mon–Fri' },
      { attract: { afterS: 1, slideS: 8 } },
      { attract: { afterS: 60, slideS: 1 } },
      { elderlyTimeFactor: 0.5 },
      { elderlyTimeFactor: 4 },
    ];
    for (const ui of refused) expect(UiConfig.safeParse(ui).success, JSON.stringify(ui)).toBe(false);
  });
});
