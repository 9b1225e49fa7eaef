/**
 * The probe the UI benches put into the page before the renderer loads, which times a tap to the
 * paint of what it changed.
 *
 * What "painted" means here: the page's own clock from the tap's `pointerup` (the input event as
 * Chromium dispatched it; a click fires in the same task) to the end of the first frame that shows
 * the change: a MutationObserver notices the new screen (or the keypad's echo), then a
 * requestAnimationFrame callback, then a user-blocking task posted from it, which runs once that
 * frame's style, layout and paint on the main thread are done. The compositor's raster after that
 * is not included.
 */

/**
 * The probe put into the page before the renderer loads (a string: tsx's keepNames would wrap a
 * function's inner names in a helper the page does not have). `arm()` readies it for the next tap,
 * which notes the screen as it is then; `pending` resolves once the screen differs and a frame
 * showing it has been produced.
 */
export const PAINT_PROBE = `(() => {
  const probe = { onTap: null };
  window.addEventListener('pointerup', (event) => {
    const onTap = probe.onTap;
    probe.onTap = null;
    if (onTap) onTap(event.timeStamp, performance.now());
  }, { capture: true });
  const signature = () => {
    const main = document.querySelector('#root main');
    const count = document.querySelector('[data-testid="typed-count"]');
    const echo = document.querySelector('[data-testid="echo"]');
    const message = document.querySelector('[data-testid="input-message"]');
    return { main, text: [main && main.getAttribute('data-testid'), main && main.getAttribute('data-field'), count && count.textContent, echo && echo.textContent, Boolean(message)].join('|') };
  };
  // The rAF callback runs inside the frame's rendering task, before its style, layout and paint;
  // a task posted from it runs at the earliest once that task has ended. A user-blocking task
  // (scheduler.postTask) is taken before the page's other queued work, so it marks the end of the
  // frame (in traces a median 0.2 ms after it). A plain posted message, what the probe used until
  // 2026-11-24, waits behind the page's other tasks and often a later frame too (a median 8 ms
  // after the frame, up to 50): it is still reported, as messageAt.
  const afterNextPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    let paintedAt = null;
    const post = globalThis.scheduler && globalThis.scheduler.postTask ? (task) => globalThis.scheduler.postTask(task, { priority: 'user-blocking' }) : (task) => setTimeout(task, 0);
    post(() => { paintedAt = performance.now(); });
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const messageAt = performance.now();
      resolve({ paintedAt: paintedAt ?? messageAt, messageAt });
    };
    channel.port2.postMessage(null);
  }));
  probe.whenPainted = (changed) => new Promise((resolve) => {
    const check = () => {
      if (!changed()) return false;
      observer.disconnect();
      const changedAt = performance.now();
      afterNextPaint().then((painted) => resolve({ changedAt, ...painted }));
      return true;
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    check();
  });
  // The screen is noted at the tap itself (pointerup, before the click's handlers), so that a
  // screen the host changed on its own just before the tap is not taken for the tap's answer.
  probe.arm = () => {
    probe.pending = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no pointerup and change painted within 30 s')), 30000);
      probe.onTap = (tapAt, dispatchedAt) => {
        const before = signature();
        probe.whenPainted(() => {
          const now = signature();
          return now.main !== before.main || now.text !== before.text;
        }).then((times) => {
          clearTimeout(timer);
          resolve({ ...times, tapAt, dispatchedAt, screen: signature().text.split('|')[0] });
        });
      };
    });
  };
  // Every screen shown, when, and whether it offers a touch other than its way out (cancel).
  probe.screens = [];
  let shown = null;
  new MutationObserver(() => {
    const main = document.querySelector('#root main');
    if (main === shown) return;
    shown = main;
    const touchable = Boolean(main && main.querySelector('button:not(.secondary):not([disabled])'));
    probe.screens.push({ at: performance.now(), screen: main && main.getAttribute('data-testid'), touchable });
  }).observe(document, { subtree: true, childList: true });
  probe.attractPainted = () => probe.whenPainted(() => document.querySelectorAll('#root main.attract button.service').length >= 4)
    .then((times) => ({ ...times, timeOrigin: performance.timeOrigin }));
  window.__paintProbe = probe;
})();`;
