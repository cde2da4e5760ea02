import { toggleShortcutsHelp } from '../store/actions/panels';
import { stepImage } from '../store/actions/project';
import { actualSize, fitToWindow, panBy, zoomIn, zoomOut } from '../store/actions/view';

export interface Shortcut {
  /** Key combinations as produced by `comboOf`, e.g. "F", "Ctrl+Z", "ArrowLeft". */
  keys: string[];
  description: string;
  run: () => void;
}

/** Screen pixels moved per arrow-key press. */
const PAN_STEP = 60;

/** The one list of keyboard shortcuts: the handler, the help panel and the README follow it. */
export const SHORTCUTS: Shortcut[] = [
  { keys: ['F'], description: 'Next image', run: () => stepImage(1) },
  { keys: ['D'], description: 'Previous image', run: () => stepImage(-1) },
  { keys: ['+', '='], description: 'Zoom in', run: zoomIn },
  { keys: ['-'], description: 'Zoom out', run: zoomOut },
  { keys: ['0'], description: 'Fit image to window', run: fitToWindow },
  { keys: ['1'], description: 'Actual size (100 %)', run: actualSize },
  { keys: ['ArrowLeft'], description: 'Pan left', run: () => panBy(PAN_STEP, 0) },
  { keys: ['ArrowRight'], description: 'Pan right', run: () => panBy(-PAN_STEP, 0) },
  { keys: ['ArrowUp'], description: 'Pan up', run: () => panBy(0, PAN_STEP) },
  { keys: ['ArrowDown'], description: 'Pan down', run: () => panBy(0, -PAN_STEP) },
  { keys: ['?', 'F1'], description: 'Show the list of shortcuts (Escape closes it)', run: toggleShortcutsHelp },
];

/** Gestures that are not single key presses, listed in the help panel beside the shortcuts. */
export const GESTURES: { keys: string; description: string }[] = [
  { keys: 'Mouse wheel', description: 'Zoom around the cursor' },
  { keys: 'Space + drag, middle-button drag', description: 'Pan' },
  { keys: 'Drop files or folders', description: 'Add images to the project' },
];

/**
 * The combination an event stands for. Shift is named only for non-printing keys, since for
 * printing keys it is already in the character ("?" rather than "Shift+/").
 */
export function comboOf(event: KeyboardEvent): string {
  const printable = event.key.length === 1;
  const key = printable ? event.key.toUpperCase() : event.key;
  const parts = [event.ctrlKey || event.metaKey ? 'Ctrl' : '', event.altKey ? 'Alt' : '', event.shiftKey && !printable ? 'Shift' : ''];
  return [...parts.filter(Boolean), key].join('+');
}

export function shortcutFor(event: KeyboardEvent): Shortcut | undefined {
  const combo = comboOf(event);
  return SHORTCUTS.find((shortcut) => shortcut.keys.includes(combo));
}
