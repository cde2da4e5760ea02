import { Viewer } from '../canvas/Viewer';
import { useAppStore } from '../store/store';
import { ConfirmRemoval } from './ConfirmRemoval';
import { DisplayPanel } from './DisplayPanel';
import { CorrectPanel } from './CorrectPanel';
import { Dashboard } from './Dashboard';
import { DropTarget } from './DropTarget';
import { ExportDialog } from './ExportDialog';
import { SyncDialog } from './SyncDialog';
import { EmptyState } from './EmptyState';
import { ImageInfo } from './ImageInfo';
import { ImageList } from './ImageList';
import { ImportChoiceDialog } from './ImportChoiceDialog';
import { LayersPanel } from './LayersPanel';
import { IssueDialog } from './IssueDialog';
import { Notices } from './Notices';
import { ComparisonPage } from './ComparisonPage';
import { ConflictBar } from './ConflictBar';
import { ObjectList } from './ObjectList';
import { OverlayPanel } from './OverlayPanel';
import { ProgressBar } from './ProgressBar';
import { ProposalsPanel } from './ProposalsPanel';
import { ReviewPanel } from './ReviewPanel';
import { ShortcutsHelp } from './ShortcutsHelp';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { useShortcuts } from './useShortcuts';

export function App() {
  useShortcuts();
  const hasImages = useAppStore((state) => state.images.length > 0);
  const loaded = useAppStore((state) => state.loaded);
  return (
    <DropTarget>
      <div className="app">
        <Toolbar />
        <main className="workspace">
          <aside className="sidebar sidebar-left" aria-label="Images">
            <ImageList />
          </aside>
          <section className="stage-area">{hasImages ? <Viewer /> : loaded && <EmptyState />}</section>
          <aside className="sidebar sidebar-right" aria-label="Objects, overlay and display">
            <ProposalsPanel />
            <ReviewPanel />
            <ObjectList />
            <CorrectPanel />
            <OverlayPanel />
            <LayersPanel />
            <DisplayPanel />
            <ImageInfo />
          </aside>
        </main>
        <StatusBar />
      </div>
      <ProgressBar />
      <ConflictBar />
      <Notices />
      <ShortcutsHelp />
      <ConfirmRemoval />
      <ExportDialog />
      <SyncDialog />
      <IssueDialog />
      <Dashboard />
      <ComparisonPage />
      <ImportChoiceDialog />
    </DropTarget>
  );
}
