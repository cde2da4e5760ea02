/**
 * The annotation model. Coordinates are image pixels, floating point: (0,0) is the top-left
 * corner of the top-left pixel and pixel (x, y) covers [x, x+1) x [y, y+1).
 */

/**
 * A closed ring of vertices as a flat list x0, y0, x1, y1, …; the edge from the last vertex
 * back to the first is implied (the first vertex is not repeated).
 */
export type Ring = number[];

/** The one class this tool annotates: nuclei, micronuclei and nuclear fragments alike. */
export const NUCLEUS_LABEL = 'nucleus';

/**
 * One object: one or more rings filled together by the even-odd rule (so holes and objects in
 * several pieces, as imported from masks, are exact). Drawn objects have one ring.
 */
export interface AnnotationObject {
  /** Stable for the object's whole life (survives edits, undo, reload and export). */
  id: string;
  /**
   * 1 when created, incremented by every change (an undo too: it is a new change), so a save
   * can tell whether someone else changed the stored object since this copy was read.
   */
  version: number;
  rings: Ring[];
  /** Stacking order: higher is on top, and wins where objects overlap in a mask. */
  z: number;
  label: string;
  /** Free text kept from imports (e.g. a CVAT label other than "nucleus"). */
  note?: string;
  createdAt: number;
  updatedAt: number;
  author: string;
  hidden?: boolean;
  locked?: boolean;
}

/** Objects bottom to top (ascending z; ties keep their order). */
export function byZ<T extends { z: number }>(objects: readonly T[]): T[] {
  return [...objects].sort((a, b) => a.z - b.z);
}
