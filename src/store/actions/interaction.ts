import type { Ring } from '../../core/objects';
import { setState } from '../store';

/** The tools report the state they are in (src/tools/machine.ts), for the toolbar, the cursor and tests. */
export function setToolPath(toolPath: string): void {
  setState({ toolPath });
}

/** The outline being drawn (image pixels, flat x, y list), or null when there is none. */
export function setDraft(vertices: number[] | null): void {
  setState({ draft: vertices ? { vertices } : null });
}

/** The live shape of the selected object during a drag, or null when none is under way. */
export function setPreview(preview: { id: string; rings: Ring[] } | null): void {
  setState({ preview });
}
