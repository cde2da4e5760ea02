import type { Ring } from '../../core/objects';
import { updateObject } from '../../store/actions/annotations';
import { setPreview } from '../../store/actions/interaction';
import type { PointerInput } from '../input';
import { transition, type StateHandlers } from '../machine';

/**
 * What every drag of the selected object's shape shares: the live shape is the store's
 * `preview` (`reshape` makes it from each pointer position), the release makes it one undo step
 * when it differs from `original`, and Esc drops it. `start` is shown at once when it differs
 * (a vertex just inserted).
 */
export function previewDrag(id: string, original: Ring[], reshape: (input: PointerInput) => Ring[], start: Ring[] = original): StateHandlers {
  let rings = start;
  return {
    onEnter() {
      if (rings !== original) setPreview({ id, rings });
    },
    onPointerMove(input) {
      rings = reshape(input);
      setPreview({ id, rings });
    },
    onPointerUp() {
      if (rings !== original) updateObject(id, { rings });
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
