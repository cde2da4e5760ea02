import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { seedDemoOnFirstStart } from './store/actions/intake';
import { notify } from './store/actions/notices';
import { loadProject } from './store/actions/project';
import { loadUser } from './store/actions/review';
import './ui/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

loadUser()
  .then(loadProject)
  .then(seedDemoOnFirstStart)
  .catch((error) => notify('error', `The stored project could not be opened: ${error instanceof Error ? error.message : error}`));
