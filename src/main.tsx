import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { seedDemoOnFirstStart } from './store/actions/intake';
import { notify } from './store/actions/notices';
import { allSaved, flushSaves } from './store/actions/autosave';
import { flushRememberedView } from './store/actions/imageMemory';
import { loadConflicts } from './store/actions/conflicts';
import { loadProject, showImages } from './store/actions/project';
import { listenToOtherTabs } from './store/actions/tabSync';
import { loadUser } from './store/actions/review';
import { watchForNewVersion } from './store/actions/offline';
import { resumeSync } from './store/actions/sync';
import './ui/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Ask the browser not to evict the project under storage pressure (it may still say no).
void navigator.storage?.persist?.();
// Unsaved changes are written when the page is hidden, and leaving warns while any are pending.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'hidden') return;
  void flushSaves();
  flushRememberedView();
});
window.addEventListener('beforeunload', (event) => {
  if (!allSaved()) event.preventDefault();
});

listenToOtherTabs(showImages);
watchForNewVersion();
loadUser()
  .then(loadProject)
  .then(loadConflicts)
  .then(seedDemoOnFirstStart)
  .then(resumeSync)
  .catch((error) => notify('error', `The stored project could not be opened: ${error instanceof Error ? error.message : error}`));
