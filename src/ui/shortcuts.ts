import { redo, selectObject, undo } from '../store/actions/annotations';
import {
  bringToFront,
  copySelection,
  cycleOverlay,
  cycleSelection,
  deleteSelection,
  paste,
  sendToBack,
  toggleHiddenSelection,
  toggleLockedSelection,
} from '../store/actions/objectCommands';
import { openExport, toggleShortcutsHelp } from '../store/actions/panels';
import { stepImage } from '../store/actions/project';
import { closeIssueDialog, startPlacingIssue, toggleChanges, toggleNumbers } from '../store/actions/review';
import { nextImageNeedingReview, nextOpenIssue } from '../store/actions/reviewNavigation';
import { actualSize, fitToWindow, panBy, zoomIn, zoomOut } from '../store/actions/view';
import { getState } from '../store/store';
import { cancelDraft, finishDrawing, removeLastVertex, startDrawing, stopDrawing } from '../tools/drawTool';
import { nudgeSelection } from '../tools/editTool';

export interface Shortcut {
  /** Key combinations as produced by `comboOf`, e.g. "F", "Ctrl+Z", "Shift+Tab". */
  keys: string[];
  description: string;
  run: () => void;
}

/** Screen pixels moved per arrow-key press when nothing is selected. */
const PAN_STEP = 60;

/** Arrow keys nudge the selected object by one pixel, or pan when nothing is selected. */
function arrow(dx: number, dy: number): () => void {
  return () => (getState().selectedId && getState().tool === 'select' ? nudgeSelection(dx, dy) : panBy(-dx * PAN_STEP, -dy * PAN_STEP));
}

/** Esc: stop dropping an issue, cancel the outline being drawn, leave drawing mode, or clear the selection. */
function escape(): void {
  const { draft, tool, placingIssue } = getState();
  if (placingIssue) closeIssueDialog();
  else if (draft) cancelDraft();
  else if (tool === 'draw') stopDrawing();
  else selectObject(null);
}

/** The one list of keyboard shortcuts: the handler, the help panel and the README follow it. */
export const SHORTCUTS: Shortcut[] = [
  { keys: ['N'], description: 'Draw a new polygon', run: startDrawing },
  { keys: ['Enter'], description: 'Close the polygon being drawn', run: finishDrawing },
  { keys: ['Backspace'], description: 'Remove the last vertex while drawing', run: removeLastVertex },
  { keys: ['Escape'], description: 'Cancel dropping an issue or drawing, leave drawing mode, or clear the selection', run: escape },
  { keys: ['Tab'], description: 'Select the next object', run: () => cycleSelection(1) },
  { keys: ['Shift+Tab'], description: 'Select the previous object', run: () => cycleSelection(-1) },
  { keys: ['Delete'], description: 'Delete the selected object', run: deleteSelection },
  { keys: ['Ctrl+C'], description: 'Copy the selected object', run: copySelection },
  { keys: ['Ctrl+V'], description: 'Paste the copied object (under the mouse)', run: paste },
  { keys: ['Ctrl+]'], description: 'Bring the selected object to the front', run: bringToFront },
  { keys: ['Ctrl+['], description: 'Send the selected object to the back', run: sendToBack },
  { keys: ['H'], description: 'Hide or show the selected object', run: toggleHiddenSelection },
  { keys: ['L'], description: 'Lock or unlock the selected object', run: toggleLockedSelection },
  { keys: ['V'], description: 'Overlay: fill, outline only, hidden', run: cycleOverlay },
  { keys: ['Ctrl+Z'], description: 'Undo', run: undo },
  { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], description: 'Redo', run: redo },
  { keys: ['Ctrl+E'], description: 'Export masks or annotations', run: openExport },
  { keys: ['O'], description: 'Review: object numbers on or off', run: toggleNumbers },
  { keys: ['C'], description: 'Review: changes since submission on or off', run: toggleChanges },
  { keys: ['I'], description: 'Review: drop an issue (then click the image or an object)', run: startPlacingIssue },
  { keys: ['J'], description: 'Review: next open issue', run: nextOpenIssue },
  { keys: ['R'], description: 'Review: next image waiting for review', run: () => void nextImageNeedingReview() },
  { keys: ['F'], description: 'Next image', run: () => stepImage(1) },
  { keys: ['D'], description: 'Previous image', run: () => stepImage(-1) },
  { keys: ['+', '='], description: 'Zoom in', run: zoomIn },
  { keys: ['-'], description: 'Zoom out', run: zoomOut },
  { keys: ['0'], description: 'Fit image to window', run: fitToWindow },
  { keys: ['1'], description: 'Actual size (100 %)', run: actualSize },
  { keys: ['ArrowLeft'], description: 'Nudge the selected object 1 px left, or pan', run: arrow(-1, 0) },
  { keys: ['ArrowRight'], description: 'Nudge the selected object 1 px right, or pan', run: arrow(1, 0) },
  { keys: ['ArrowUp'], description: 'Nudge the selected object 1 px up, or pan', run: arrow(0, -1) },
  { keys: ['ArrowDown'], description: 'Nudge the selected object 1 px down, or pan', run: arrow(0, 1) },
  { keys: ['?', 'F1'], description: 'Show the list of shortcuts (Escape closes it)', run: toggleShortcutsHelp },
];

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
export function comboOf(event: KeyboardEvent): string {
  const printable = event.key.length === 1;
  const letter = /^[a-z]$/i.test(event.key);
  const key = printable ? event.key.toUpperCase() : event.key;
  const shift = event.shiftKey && (letter || !printable);
  const parts = [event.ctrlKey || event.metaKey ? 'Ctrl' : '', event.altKey ? 'Alt' : '', shift ? 'Shift' : ''];
  return [...parts.filter(Boolean), key].join('+');
}

export function shortcutFor(event: KeyboardEvent): Shortcut | undefined {
  const combo = comboOf(event);
  return SHORTCUTS.find((shortcut) => shortcut.keys.includes(combo));
}
