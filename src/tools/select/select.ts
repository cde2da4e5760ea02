import { clampShift, objectBox, translateRings } from '../../core/geometry';
import { editableSelectionAll, imageBounds, selectObject, updateObjects } from '../../store/actions/annotations';
import { defineMode } from '../machine';

/** Arrow key to the shift it nudges the selected object by, in image pixels. */
const NUDGES: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** Selecting and editing: what every select state does unless it says otherwise. */
export const selectMode = defineMode('select', {
  /** Arrow keys move the selected objects by whole pixels, together, kept inside the image. */
  onKey(combo) {
    const nudge = NUDGES[combo];
    const selected = editableSelectionAll();
    if (!nudge || selected.length === 0) return false;
    const [dx, dy] = clampShift(objectBox(selected.flatMap((object) => object.rings)), nudge[0], nudge[1], imageBounds());
    if (dx !== 0 || dy !== 0) updateObjects(selected.map((object) => ({ id: object.id, change: { rings: translateRings(object.rings, dx, dy) } })));
    return true;
  },
  onCancel() {
    selectObject(null);
  },
});
