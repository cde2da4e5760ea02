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

/** The live shapes of the objects being dragged (by id), or null when no drag is under way. */
export function setPreview(preview: ReadonlyMap<string, Ring[]> | null): void {
  setState({ preview });
}

/** The box being dragged to select objects (image pixels), or null. */
export function setSelectionBox(selectionBox: { x0: number; y0: number; x1: number; y1: number } | null): void {
  setState({ selectionBox });
}
