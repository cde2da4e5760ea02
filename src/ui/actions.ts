/**
 * The one list of user actions: what each does, its keys, its toolbar button and when it can
 * run. The keyboard handler, the toolbar and panel buttons (with their titles), the shortcuts
 * help and the README's table (checked by a test) are all made from it.
 */
import { redo, undo } from '../store/actions/annotations';
import {
  bringToFront,
  copySelection,
  cycleOverlay,
  cycleSelection,
  deleteSelection,
  paste,
  sendToBack,
  toggleHiddenSelection,
  selectAll,
  toggleLockedSelection,
  zoomToSelection,
} from '../store/actions/objectCommands';
import { fillSelectionHoles, growBrush, growSelection, mergeSelection, shrinkBrush, shrinkSelection, splitSelectionPieces } from '../store/actions/corrections';
import { openDashboard, openExport, toggleShortcutsHelp } from '../store/actions/panels';
import { stepImage } from '../store/actions/project';
import {
  acceptAllProposals,
  acceptSelectedProposal,
  detectAll,
  detectProject,
  nextProposal,
  rejectAllProposals,
  rejectSelectedProposal,
} from '../store/actions/proposals';
import { toggleChanges, toggleNumbers } from '../store/actions/review';
import { nextImageNeedingReview, nextOpenIssue } from '../store/actions/reviewNavigation';
import { actualSize, fitToWindow, panBy, zoomIn, zoomOut } from '../store/actions/view';
import type { AppState } from '../store/store';
import { cancelInteraction, startBrush, startCut, startDrawing, startOneClick, stopDrawing, togglePlacingIssue, toolKey } from '../tools';
import { stepComparisonError } from '../store/actions/comparison';
import { openComparisonPage } from '../store/actions/comparisonPage';
import { exportBundle } from '../store/actions/bundles';

export interface Action {
  id: string;
  /** What it does, as the help panel, the README and the button's title say it. */
  label: string;
  /** Key combinations as produced by `comboOf`, e.g. "F", "Ctrl+Z", "Shift+Tab"; may be none. */
  keys: string[];
  /** The text of its button, where it has one; `name` when the text is a symbol. */
  button?: { text: string; name?: string };
  /** Whether it can run now (its button is disabled otherwise); default always. */
  enabled?: (state: AppState) => boolean;
  /** For modes and toggles: whether it is on (its button shows pressed). */
  active?: (state: AppState) => boolean;
  run: () => void;
}

/** Screen pixels moved per arrow-key press when nothing is selected. */
const PAN_STEP = 60;

const hasImage = (state: AppState) => state.pixels !== null;
const hasObjects = (state: AppState) => state.objectsImageId !== null;

/** Arrow keys nudge the selected object by one pixel (see tools/select), or pan. */
function arrow(combo: string, dx: number, dy: number): () => void {
  return () => toolKey(combo) || panBy(-dx * PAN_STEP, -dy * PAN_STEP);
}

export const ACTIONS: Action[] = [
  { id: 'select', label: 'Select and edit objects', keys: [], button: { text: 'Select' }, enabled: hasObjects, active: (s) => s.toolPath.startsWith('select.'), run: stopDrawing },
  { id: 'draw', label: 'Draw a new polygon', keys: ['N'], button: { text: 'Draw polygon' }, enabled: hasObjects, active: (s) => s.toolPath.startsWith('draw.'), run: startDrawing },
  { id: 'one-click', label: 'One click: outline the nucleus under each click', keys: ['K'], button: { text: 'One click' }, enabled: hasObjects, active: (s) => s.toolPath.startsWith('assist.'), run: startOneClick },
  { id: 'detect', label: 'Detect all nuclei of this image (proposals to accept)', keys: ['Shift+D'], button: { text: 'Detect all' }, enabled: (s) => hasObjects(s) && !s.tasks.some((task) => task.kind === 'detect'), run: () => void detectAll() },
  { id: 'detect-project', label: 'Detect nuclei on the selected images, or on all', keys: [], button: { text: 'Detect on images' }, enabled: (s) => s.images.length > 0 && !s.tasks.some((task) => task.kind === 'detect'), run: () => void detectProject() },
  { id: 'accept-proposal', label: 'Accept the selected proposal', keys: ['A'], button: { text: 'Accept' }, enabled: (s) => s.selectedProposalId !== null, run: acceptSelectedProposal },
  { id: 'reject-proposal', label: 'Reject the selected proposal', keys: ['X'], button: { text: 'Reject' }, enabled: (s) => s.selectedProposalId !== null, run: rejectSelectedProposal },
  { id: 'accept-all', label: 'Accept every proposal of this image', keys: ['Shift+A'], button: { text: 'Accept all' }, enabled: (s) => s.proposals.length > 0, run: acceptAllProposals },
  { id: 'reject-all', label: 'Reject every proposal of this image', keys: [], button: { text: 'Reject all' }, enabled: (s) => s.proposals.length > 0, run: rejectAllProposals },
  { id: 'next-proposal', label: 'Next proposal to review (small and least confident first), zoomed', keys: ['P'], button: { text: 'Next (P)' }, enabled: (s) => s.proposals.length > 0, run: nextProposal },
  { id: 'next-comparison-error', label: 'Comparison: next missed or extra object, zoomed', keys: ['W'], button: { text: 'Next error (W)' }, enabled: (s) => !!s.comparison && s.comparison.result.missed.length + s.comparison.result.extra.length > 0, run: () => stepComparisonError(1) },
  { id: 'previous-comparison-error', label: 'Comparison: previous missed or extra object', keys: ['Shift+W'], enabled: (s) => !!s.comparison, run: () => stepComparisonError(-1) },
  { id: 'brush', label: 'Brush: paint into the selected object, or a new one (Shift + drag erases)', keys: ['B'], button: { text: 'Brush' }, enabled: hasObjects, active: (s) => s.toolPath.startsWith('brush.') && !s.brush.erases, run: () => startBrush(false) },
  { id: 'eraser', label: 'Eraser: take away from the selected object', keys: ['E'], button: { text: 'Eraser' }, enabled: hasObjects, active: (s) => s.toolPath.startsWith('brush.') && s.brush.erases, run: () => startBrush(true) },
  { id: 'brush-smaller', label: 'Brush smaller', keys: ['['], run: shrinkBrush },
  { id: 'brush-larger', label: 'Brush larger', keys: [']'], run: growBrush },
  { id: 'merge', label: 'Merge the selected objects into one', keys: ['M'], button: { text: 'Merge' }, enabled: (s) => s.selectedIds.length > 1, run: mergeSelection },
  { id: 'split-pieces', label: 'Split the selected object into its separate pieces', keys: ['Shift+S'], button: { text: 'Split pieces' }, enabled: (s) => s.selectedId !== null, run: splitSelectionPieces },
  { id: 'cut', label: 'Cut the selected object along a line (click, then Enter)', keys: ['S'], button: { text: 'Cut' }, enabled: (s) => s.selectedId !== null, active: (s) => s.toolPath.startsWith('cut.'), run: startCut },
  { id: 'grow', label: 'Grow the selected objects by one pixel', keys: ['G'], button: { text: 'Grow' }, enabled: (s) => s.selectedIds.length > 0, run: growSelection },
  { id: 'shrink', label: 'Shrink the selected objects by one pixel', keys: ['Shift+G'], button: { text: 'Shrink' }, enabled: (s) => s.selectedIds.length > 0, run: shrinkSelection },
  { id: 'fill-holes', label: 'Fill the holes of the selected objects', keys: ['Shift+H'], button: { text: 'Fill holes' }, enabled: (s) => s.selectedIds.length > 0, run: fillSelectionHoles },
  { id: 'select-all', label: 'Select every visible object', keys: ['Ctrl+A'], run: selectAll },
  { id: 'close-polygon', label: 'Close the polygon being drawn', keys: ['Enter'], run: () => toolKey('Enter') },
  { id: 'remove-vertex', label: 'Remove the last vertex while drawing', keys: ['Backspace'], run: () => toolKey('Backspace') },
  { id: 'cancel', label: 'Cancel dropping an issue, drawing or dragging, leave drawing mode, or clear the selection', keys: ['Escape'], run: cancelInteraction },
  { id: 'next-object', label: 'Select the next object', keys: ['Tab'], run: () => cycleSelection(1) },
  { id: 'previous-object', label: 'Select the previous object', keys: ['Shift+Tab'], run: () => cycleSelection(-1) },
  { id: 'delete', label: 'Delete the selected objects', keys: ['Delete'], run: deleteSelection },
  { id: 'copy', label: 'Copy the selected object', keys: ['Ctrl+C'], run: copySelection },
  { id: 'paste', label: 'Paste the copied object (under the mouse)', keys: ['Ctrl+V'], run: paste },
  { id: 'to-front', label: 'Bring the selected object to the front', keys: ['Ctrl+]'], run: bringToFront },
  { id: 'to-back', label: 'Send the selected object to the back', keys: ['Ctrl+['], run: sendToBack },
  { id: 'hide', label: 'Hide or show the selected objects', keys: ['H'], run: toggleHiddenSelection },
  { id: 'lock', label: 'Lock or unlock the selected objects', keys: ['L'], run: toggleLockedSelection },
  { id: 'overlay', label: 'Overlay: fill, outline only, hidden', keys: ['V'], run: cycleOverlay },
  { id: 'undo', label: 'Undo', keys: ['Ctrl+Z'], button: { text: 'Undo' }, enabled: (s) => s.canUndo, run: undo },
  { id: 'redo', label: 'Redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], button: { text: 'Redo' }, enabled: (s) => s.canRedo, run: redo },
  { id: 'export', label: 'Export masks or annotations', keys: ['Ctrl+E'], button: { text: 'Export…' }, run: openExport },
  { id: 'export-bundle', label: 'Export the project bundle (backup: images, objects, review)', keys: ['Ctrl+Shift+E'], enabled: (s) => s.images.length > 0, run: () => void exportBundle('project') },
  { id: 'comparison-page', label: 'Compare the project’s objects with another annotation: metrics per image, plots, CSV', keys: [], button: { text: 'Compare…' }, enabled: (s) => s.images.length > 0, run: openComparisonPage },
  { id: 'dashboard', label: 'Review dashboard: images per status, issues, corrections', keys: [], button: { text: 'Dashboard' }, run: openDashboard },
  { id: 'numbers', label: 'Review: object numbers on or off', keys: ['O'], run: toggleNumbers },
  { id: 'changes', label: 'Review: changes since submission on or off', keys: ['C'], run: toggleChanges },
  { id: 'issue', label: 'Review: drop an issue (then click the image or an object)', keys: ['I'], button: { text: 'Add issue' }, active: (s) => s.toolPath === 'issue.placing', run: togglePlacingIssue },
  { id: 'next-issue', label: 'Review: next open issue', keys: ['J'], button: { text: 'Next' }, enabled: (s) => s.issues.some((issue) => issue.status === 'open'), run: nextOpenIssue },
  { id: 'next-review', label: 'Review: next image waiting for review', keys: ['R'], button: { text: 'Next to review' }, run: () => void nextImageNeedingReview() },
  { id: 'next-image', label: 'Next image', keys: ['F'], button: { text: 'Next ▶' }, enabled: hasImage, run: () => stepImage(1) },
  { id: 'previous-image', label: 'Previous image', keys: ['D'], button: { text: '◀ Prev' }, enabled: hasImage, run: () => stepImage(-1) },
  { id: 'zoom-in', label: 'Zoom in', keys: ['+', '='], button: { text: '+', name: 'Zoom in' }, enabled: hasImage, run: zoomIn },
  { id: 'zoom-out', label: 'Zoom out', keys: ['-'], button: { text: '−', name: 'Zoom out' }, enabled: hasImage, run: zoomOut },
  { id: 'zoom-to-selection', label: 'Zoom to the selected object', keys: ['Z'], enabled: (s) => s.selectedId !== null, run: zoomToSelection },
  { id: 'fit', label: 'Fit image to window', keys: ['0'], button: { text: 'Fit' }, enabled: hasImage, run: fitToWindow },
  { id: 'actual-size', label: 'Actual size (100 %)', keys: ['1'], button: { text: '1:1' }, enabled: hasImage, run: actualSize },
  { id: 'nudge-left', label: 'Nudge the selected object 1 px left, or pan', keys: ['ArrowLeft'], run: arrow('ArrowLeft', -1, 0) },
  { id: 'nudge-right', label: 'Nudge the selected object 1 px right, or pan', keys: ['ArrowRight'], run: arrow('ArrowRight', 1, 0) },
  { id: 'nudge-up', label: 'Nudge the selected object 1 px up, or pan', keys: ['ArrowUp'], run: arrow('ArrowUp', 0, -1) },
  { id: 'nudge-down', label: 'Nudge the selected object 1 px down, or pan', keys: ['ArrowDown'], run: arrow('ArrowDown', 0, 1) },
  { id: 'help', label: 'Show the list of shortcuts (Escape closes it)', keys: ['?', 'F1'], button: { text: '?', name: 'Keyboard shortcuts' }, run: toggleShortcutsHelp },
];

export function actionById(id: string): Action {
  const action = ACTIONS.find((candidate) => candidate.id === id);
  if (!action) throw new Error(`unknown action "${id}"`);
  return action;
}

/** A button's tooltip: what the action does and its keys, e.g. "Redo (Ctrl+Shift+Z, Ctrl+Y)". */
export function actionTitle(action: Action): string {
  return action.keys.length ? `${action.label} (${action.keys.join(', ')})` : action.label;
}

/** Gestures that are not single key presses, listed in the help panel beside the shortcuts. */
export const GESTURES: { keys: string; description: string }[] = [
  { keys: 'Click', description: 'Drawing: add a vertex (on the first vertex: close). Otherwise: select the topmost object' },
  { keys: 'Shift + drag', description: 'Drawing: add vertices continuously (freehand)' },
  { keys: 'Double click', description: 'Drawing: close the polygon' },
  { keys: 'Right click', description: 'Drawing: remove the last vertex. Editing: delete the vertex under the mouse' },
  { keys: 'Drag a vertex / midpoint', description: 'Move the vertex / insert a vertex there' },
  { keys: 'Alt + click a vertex', description: 'Delete the vertex (never below 3)' },
  { keys: 'Shift + click a vertex', description: 'Redraw part of the outline; click another vertex to finish' },
  { keys: 'Drag the selected object', description: 'Move it' },
  { keys: 'Mouse wheel', description: 'Zoom around the cursor' },
  { keys: 'Space + drag, middle-button drag', description: 'Pan' },
  { keys: 'Drop files or folders', description: 'Add images to the project' },
];

/**
 * The combination an event stands for. Shift is named for letters and non-printing keys; for
 * other printing keys it is already in the character ("?" rather than "Shift+/").
 */
export function comboOf(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): string {
  const printable = event.key.length === 1;
  const letter = /^[a-z]$/i.test(event.key);
  const key = printable ? event.key.toUpperCase() : event.key;
  const shift = event.shiftKey && (letter || !printable);
  const parts = [event.ctrlKey || event.metaKey ? 'Ctrl' : '', event.altKey ? 'Alt' : '', shift ? 'Shift' : ''];
  return [...parts.filter(Boolean), key].join('+');
}

export function actionForKey(event: KeyboardEvent): Action | undefined {
  const combo = comboOf(event);
  return ACTIONS.find((action) => action.keys.includes(combo));
}
