/** The page-side guards the preload installs (main/shell/page-guard.ts). */
import { describe, expect, it } from 'vitest';
import { KIOSK_ORIGIN, originOf } from '../../main/shell/kiosk-origin';
import { type ClickEventLike, type DropEventLike, refuseDragAndDrop, refuseOffOriginLinks } from '../../main/shell/page-guard';
import { preventable } from './fake-electron';

describe('page guard (preload)', () => {
  class FakeTarget<E> {
    readonly listeners = new Map<string, Array<(event: E) => void>>();
    addEventListener(type: string, listener: (event: E) => void, options?: { capture?: boolean }): void {
      expect(options?.capture).toBe(true);
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    }
    dispatch(type: string, event: E): void {
      for (const listener of this.listeners.get(type) ?? []) listener(event);
    }
  }

  it('refuses file drops and drags', () => {
    const target = new FakeTarget<DropEventLike>();
    refuseDragAndDrop(target);
    for (const type of ['dragstart', 'dragenter', 'dragover', 'drop']) {
      const event = { ...preventable(), dataTransfer: { dropEffect: 'copy' } };
      let prevented = false;
      target.dispatch(type, { ...event, preventDefault: () => (prevented = true) });
      expect(prevented, type).toBe(true);
    }
    const drop = { dataTransfer: { dropEffect: 'copy' }, preventDefault() {} };
    target.dispatch('drop', drop);
    expect(drop.dataTransfer.dropEffect).toBe('none');
  });

  it('cancels clicks on off-origin links only', () => {
    const target = new FakeTarget<ClickEventLike>();
    refuseOffOriginLinks(target, KIOSK_ORIGIN, originOf);
    const click = (href: string | null) => {
      let prevented = false;
      const anchor = href === null ? null : { href, closest: () => anchor };
      const element = { closest: () => anchor, href: '' };
      target.dispatch('click', { target: element, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(click('https://evil.example/')).toBe(true);
    expect(click('file:///etc/passwd')).toBe(true);
    expect(click('javascript:alert(1)')).toBe(true);
    expect(click('app://kiosk/index.html#help')).toBe(false);
    expect(click(null)).toBe(false);
  });

  it('cancels middle clicks (auxclick) on off-origin links too', () => {
    const target = new FakeTarget<ClickEventLike>();
    refuseOffOriginLinks(target, KIOSK_ORIGIN, originOf);
    const auxclick = (href: string) => {
      let prevented = false;
      const anchor = { href, closest: () => anchor };
      target.dispatch('auxclick', { target: anchor, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(auxclick('https://evil.example/')).toBe(true);
    expect(auxclick('app://kiosk/index.html')).toBe(false);
  });
});
