import { create } from 'zustand';
import type { PixelsRecord, WholePixels } from '../io/schema';
import type { AnnotationObject, Ring } from '../core/objects';
import type { ReviewIssue } from '../core/review/issues';
import type { ImageStatus, Role } from '../core/review/status';
import type { ImageRecord, Proposal, ReferenceLayer, SnapshotRecord } from '../core/project';
import { pixelUnder, screenToImage } from '../core/viewTransform';
import type { ShapeComparison } from '../core/metrics/compareShapes';

/**
 * Pixels of the image on screen; only one image's pixels are held in memory at a time. A tiled
 * image (core/tiles.ts) is never held whole: its tiles are read as the view needs them.
 */
export type OpenPixels = PixelsRecord;
/** An image's pixels held whole (every image that fits one canvas). */
export type { WholePixels };

export interface ProjectSlice {
  /** Every image of the project, in list order (metadata only). */
  images: ImageRecord[];
  currentId: string | null;
  pixels: OpenPixels | null;
  /** False until the stored project has been read at start-up. */
  loaded: boolean;
  /** Images picked in the list (Ctrl / Shift + click) to change together; empty: just the open one. */
  imageSelection: string[];
}

/**
 * Screen placement of the image: a pixel at image coordinates (ix, iy) is drawn at screen
 * (x + ix * zoom, y + iy * zoom) inside the viewer. `zoom` is screen pixels per image pixel.
 */
export interface ViewState {
  zoom: number;
  x: number;
  y: number;
}

export interface ViewSlice {
  view: ViewState;
  /** True while the view is "fit to window": it re-fits when the viewer is resized. */
  autoFit: boolean;
  /** Size of the viewer on screen, in CSS pixels. */
  viewport: { width: number; height: number };
  /** Mouse position in the viewer (screen units), or null when the mouse is elsewhere. */
  pointer: { x: number; y: number } | null;
}

/** A long task under way (bringing files in, exporting), shown as a progress bar. */
export interface TaskProgress {
  id: number;
  /** 'bring-in': adding images or importing annotations (their results are still on the way to storage). */
  kind: 'bring-in' | 'export' | 'detect';
  verb: string;
  done: number;
  total: number;
  current: string;
  /** The bar offers Cancel (store/actions/tasks.ts stops the task). */
  cancellable: boolean;
}

export interface ProgressSlice {
  /** Tasks under way, oldest first; empty when idle. */
  tasks: TaskProgress[];
  /** Drops and picks of files still being brought in (images, then their annotation files). */
  bringingIn: number;
}

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** How many times the same notice was raised while it was showing (repeats collapse into one). */
  count: number;
  /** Milliseconds since the epoch, of the last time it was raised. */
  at: number;
  /** While this holds the notice is current; once it does not (a later state made it stale), it goes. */
  stillTrue?: (state: AppState) => boolean;
  /** A button on the notice (e.g. "Import anyway"); pressing it runs `run` and dismisses the notice. */
  action?: { label: string; run: () => void };
}

export interface NoticeSlice {
  /** Showing now, oldest first: errors until dismissed, information for a few seconds. */
  notices: Notice[];
  /** The recent notices, newest first (kept after they stop showing), for the notice log. */
  noticeLog: Array<Pick<Notice, 'id' | 'kind' | 'text' | 'count' | 'at'>>;
  noticeLogOpen: boolean;
  /** A new version of the app has installed and waits; the status bar offers to switch to it. */
  newVersionReady: boolean;
}

export interface SaveSlice {
  /** Writes to storage scheduled or under way; the status bar shows "Saving…" while above 0. */
  pendingSaves: number;
  /** The last write failed; changes are kept in memory and retried. */
  saveFailed: boolean;
  /** Objects changed here and in another tab or machine at once, until the user chooses a version. */
  conflicts: Conflict[];
}

/** The open image's objects compared with one of its reference layers (store/actions/comparison.ts). */
export interface ComparisonView {
  layerId: string;
  threshold: number;
  /** The open image's object ids in the order compared (bottom to top): result indices refer to them. */
  referenceIds: string[];
  result: ShapeComparison;
  /** The error last stepped to (comparisonErrors order), or -1. */
  errorIndex: number;
}

/**
 * Both versions of an object changed in two places; neither is lost until the user chooses.
 * The stored version is the one in storage and on screen; the set-aside one can be restored.
 */
export interface Conflict {
  imageId: string;
  id: string;
  /**
   * 'tab': this tab's save was refused because another tab had changed the object (set aside:
   * this tab's version). 'sync': two machines changed it while apart; 'bundle': here and in an
   * imported bundle; for both, the later change is stored and the other set aside, whichever
   * side made it.
   */
  origin: 'tab' | 'sync' | 'bundle';
  /** The version not in storage (null: a deletion). */
  setAside: AnnotationObject | null;
  /** The version in storage (null: deleted). */
  stored: AnnotationObject | null;
  /** From a project bundle: its file name, and whose version the merge kept (stored): this project's ("mine") or the bundle's. */
  bundle?: { fileName: string; kept: 'mine' | 'theirs' };
}

export interface AnnotationSlice {
  /** Objects of the open image by id (replaced, never mutated, on every change). */
  objects: ReadonlyMap<string, AnnotationObject>;
  /** The image these objects belong to (null until its objects are loaded). */
  objectsImageId: string | null;
  /** The selected object whose handles show (the last one picked); null when none is. */
  selectedId: string | null;
  /** Every selected object, selectedId included (Shift + click, a box drag, Ctrl+A add to it). */
  selectedIds: string[];
  /** Live geometry of the objects being dragged (by id); committed on release. */
  preview: ReadonlyMap<string, Ring[]> | null;
  canUndo: boolean;
  canRedo: boolean;
}

/** What to do with objects imported onto an image that has objects already. */
export type ImportChoice = 'replace' | 'add' | 'reference' | 'skip';

export interface LayerSlice {
  /** Reference layers of the open image (read-only objects shown beside its own). */
  layers: ReferenceLayer[];
  layersShown: boolean;
  /** The open image's objects against a reference layer, when asked for. */
  comparison: ComparisonView | null;
  /** An import waiting for the user's choice, because its image has objects already. */
  importQuestion: { fileName: string; imageName: string; existing: number; incoming: number } | null;
}

export interface ProposalSlice {
  /** The detector's proposals on the open image: not its objects until accepted. */
  proposals: Proposal[];
  selectedProposalId: string | null;
  /** What "Detect all" and one click use. */
  detectMethod: 'model' | 'classical';
}

export type OverlayMode = 'fill' | 'outline' | 'hidden';

export interface ToolSlice {
  /**
   * Path of the interaction state the tools are in (src/tools), e.g. "select.idle",
   * "draw.drawing", "issue.placing": its first part is the mode the toolbar shows.
   */
  toolPath: string;
  /** The outline being drawn (or the new section of a redraw), in image pixels (flat x, y list). */
  draft: { vertices: number[] } | null;
  overlay: { mode: OverlayMode; opacity: number };
  /** The round brush: radius in image pixels, and whether it erases (the eraser) or paints. */
  brush: { radius: number; erases: boolean };
  /** A brush stroke under way (image pixels, flat x, y list), drawn until it is applied; or a selection box. */
  stroke: { points: number[]; erases: boolean } | null;
  selectionBox: { x0: number; y0: number; x1: number; y1: number } | null;
}

export interface ReviewSlice {
  /** Who is working and as what; recorded on every change and review action. Kept locally. */
  user: { name: string; role: Role };
  /** Issues of the open image. */
  issues: ReviewIssue[];
  /** The open image's last submission, to compare corrections with. */
  snapshot: SnapshotRecord | null;
  showChanges: boolean;
  showNumbers: boolean;
  /** The issue whose dialog is open: an existing one by id, or a new one not yet saved. */
  issueDialog: { issueId: string } | { x: number; y: number; objectId: string | null } | null;
  statusFilter: ImageStatus | 'all';
  dashboardOpen: boolean;
  /** The project's comparison page (store/actions/comparisonPage.ts). */
  comparisonPageOpen: boolean;
}

/** What the last export wrote, shown in the export dialog. */
export interface ExportReport {
  fileName: string;
  objects: number;
  overlapPixels: number;
  emptyObjects: number;
  warnings: string[];
}

/** The connection to a CouchDB server (store/actions/sync.ts), as the status bar shows it. */
export interface SyncStatus {
  /** off: not connected; syncing: documents on their way; offline: waiting to retry; error: see reason. */
  state: 'off' | 'connecting' | 'connected' | 'syncing' | 'offline' | 'error';
  /** The database URL, while connected. */
  url: string | null;
  /** Documents the last replication step said were still waiting (0 when unknown). */
  pending: number;
  /** Why, for offline and error (e.g. "wrong user name or password", "server unreachable"). */
  reason: string | null;
  /** The server's last refusal ("image.png: …"), until the next change goes through. */
  refusal: string | null;
}

export interface SyncSlice {
  sync: SyncStatus;
  syncDialogOpen: boolean;
  /** Names of images the server has that this project has not (their files are to be added). */
  serverOnlyImages: string[];
}

export interface PanelSlice {
  shortcutsHelpOpen: boolean;
  exportOpen: boolean;
  lastExport: ExportReport | null;
  /** Images waiting for the user to confirm their removal; empty when no dialog is open. */
  confirmRemoval: string[];
}

export type AppState = ProjectSlice &
  ViewSlice &
  ProgressSlice &
  NoticeSlice &
  SaveSlice &
  AnnotationSlice &
  ToolSlice &
  ReviewSlice &
  LayerSlice &
  ProposalSlice &
  SyncSlice &
  PanelSlice;

export const initialState: AppState = {
  images: [],
  currentId: null,
  pixels: null,
  loaded: false,
  imageSelection: [],
  view: { zoom: 1, x: 0, y: 0 },
  autoFit: true,
  viewport: { width: 800, height: 600 },
  pointer: null,
  tasks: [],
  bringingIn: 0,
  notices: [],
  noticeLog: [],
  noticeLogOpen: false,
  newVersionReady: false,
  pendingSaves: 0,
  saveFailed: false,
  conflicts: [],
  objects: new Map(),
  objectsImageId: null,
  selectedId: null,
  selectedIds: [],
  preview: null,
  canUndo: false,
  canRedo: false,
  user: { name: 'annotator', role: 'annotator' },
  issues: [],
  snapshot: null,
  showChanges: false,
  showNumbers: false,
  issueDialog: null,
  statusFilter: 'all',
  dashboardOpen: false,
  comparisonPageOpen: false,
  layers: [],
  proposals: [],
  selectedProposalId: null,
  detectMethod: 'model',
  layersShown: true,
  comparison: null,
  importQuestion: null,
  toolPath: 'select.idle',
  draft: null,
  overlay: { mode: 'fill', opacity: 0.35 },
  brush: { radius: 5, erases: false },
  stroke: null,
  selectionBox: null,
  shortcutsHelpOpen: false,
  exportOpen: false,
  lastExport: null,
  confirmRemoval: [],
  sync: { state: 'off', url: null, pending: 0, reason: null, refusal: null },
  syncDialogOpen: false,
  serverOnlyImages: [],
};

/** The single app store. Change it only through the action functions in `store/actions`. */
export const useAppStore = create<AppState>()(() => initialState);

export const getState = useAppStore.getState;
export const setState = useAppStore.setState;

export function imageById(state: AppState, id: string | null): ImageRecord | undefined {
  return state.images.find((image) => image.id === id);
}

export function currentImage(state: AppState): ImageRecord | null {
  return imageById(state, state.currentId) ?? null;
}

/** Replaces one image's record in the list (the only way records in the store change). */
export function patchImage(id: string, change: Partial<ImageRecord>): void {
  setState({ images: getState().images.map((image) => (image.id === id ? { ...image, ...change } : image)) });
}

/** Image pixel under the mouse (integer indices), or null; follows zoom and pan as well. */
export function cursorPixel(state: AppState): { x: number; y: number } | null {
  const image = currentImage(state);
  return state.pointer && image ? pixelUnder(screenToImage(state.view, state.pointer), image) : null;
}
