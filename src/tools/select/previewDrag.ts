import type { AnnotationObject, Ring } from '../../core/objects';
import { objectsNamed, updateObjects } from '../../store/actions/annotations';
import { setPreview } from '../../store/actions/interaction';
import type { PointerInput } from '../input';
import { transition, type StateHandlers } from '../machine';

/** Rings by object id. */
export type Shapes = ReadonlyMap<string, Ring[]>;

/**
 * What every drag of objects' shapes shares: the live shapes are the store's `preview`
 * (`reshape` makes them from each pointer position), the release makes them one undo step when
 * they differ from `original` (an edit of the objects as they were when the drag began), and Esc drops them. `start` is shown at once when it differs
 * (a vertex just inserted).
 */
export function previewDrag(original: Shapes, reshape: (input: PointerInput) => Shapes, start: Shapes = original): StateHandlers {
  let shapes = start;
  let basis = new Map<string, AnnotationObject>();
  return {
    onEnter() {
      basis = objectsNamed(original.keys());
      if (shapes !== original) setPreview(shapes);
    },
    onPointerMove(input) {
      shapes = reshape(input);
      setPreview(shapes);
    },
    onPointerUp() {
      const changed = [...shapes].filter(([id, rings]) => rings !== original.get(id));
      if (changed.length) updateObjects(changed.map(([id, rings]) => ({ id, change: { rings } })), basis);
      transition('select.idle');
    },
    onCancel() {
      transition('select.idle');
    },
    onExit() {
      setPreview(null);
    },
  };
}
