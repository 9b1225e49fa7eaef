/**
 * The kiosk window's options. Each web preference is the Electron security checklist's answer,
 * spelled out rather than left to defaults, so a reader (and electronegativity) sees them.
 */
export function kioskWindowOptions(options: { preload: string; devTools: boolean }): Record<string, unknown> {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    // Shown once the first paint is ready, so the citizen never sees a blank white window.
    show: false,
    backgroundColor: '#f3f6fb',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableDialogs: true,
      spellcheck: false,
      safeDialogs: true,
      devTools: options.devTools,
    },
  };
}
