import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToHost } from './api-client';
import { App } from './App';
import { initI18n } from './i18n';

initI18n();
const api = connectToHost();
// Kiosk screens have no context menu, no text selection and no pinch zoom.
window.addEventListener('contextmenu', (event) => event.preventDefault());
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  );
}
