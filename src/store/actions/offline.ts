import { startOfflineCache } from '../../io/offline';
import { setState } from '../store';
import { notify } from './notices';

/** The status bar's Reload: the new version takes over and every open page of the app reloads onto it. */
export { switchToNewVersion } from '../../io/offline';

/** Makes the app work offline (production build) and tells the user when a new version is ready. */
export function watchForNewVersion(): void {
  startOfflineCache(() => {
    setState({ newVersionReady: true });
    notify('info', 'A new version is ready — reload to use it');
  }).catch((error) => notify('error', `The app could not be made available offline: ${error instanceof Error ? error.message : error}`));
}
