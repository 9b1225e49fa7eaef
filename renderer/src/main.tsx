import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { originOf } from '../../main/shell/kiosk-origin';
import { refuseDragAndDrop, refuseOffOriginLinks } from '../../main/shell/page-guard';
import { connectToHost } from './api-client';
import { App } from './App';
import { FirstBootGate } from './screens/provisioning/FirstBootGate';
import { initI18n } from './i18n';
import { TranslationProvider } from './translation';

initI18n();
const api = connectToHost();
// Kiosk screens have no context menu, follow no link off the kiosk's own origin and open no dropped
// file; in Electron the shell refuses these too, in browser mode this is the only guard.
window.addEventListener('contextmenu', (event) => event.preventDefault());
refuseOffOriginLinks(window, window.location.origin, originOf);
refuseDragAndDrop(window);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <TranslationProvider>
        <FirstBootGate api={api}>
          <App api={api} />
        </FirstBootGate>
      </TranslationProvider>
    </StrictMode>,
  );
}
