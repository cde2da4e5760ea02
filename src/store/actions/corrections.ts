/**
 * Correction tools on the selected objects, each one undo step, through the change pipeline
 * (locks and the review lock apply): brush and eraser strokes, merge, split into pieces, cut,
 * grow, shrink, fill holes, remove small pieces, and the lossy simplification. Every pixel edit
 * keeps outlines exact (core/mask/edits.ts).
 */
import { simplifyRingLossy } from '../../core/geometry';
import { applyStroke, cutObject, fillObjectHoles, growObject, mergeObjects, removeSmallPieces, splitPieces, strokeRegion } from '../../core/mask/edits';
import { newId } from '../../core/ids';
import type { AnnotationObject, Ring } from '../../core/objects';
import type { Change } from '../../core/history';
import { getState, setState } from '../store';
import { commit, createObject, editableSelection, editableSelectionAll, imageBounds, setSelection, updateObject, updateObjects } from './annotations';
import { notify } from './notices';

/** Brush radius limits, image pixels ([ and ] step by a quarter). */
export const BRUSH_RADIUS = { min: 0.5, max: 60 };

export function setBrushRadius(radius: number): void {
  setState({ brush: { ...getState().brush, radius: Math.min(BRUSH_RADIUS.max, Math.max(BRUSH_RADIUS.min, Math.round(radius * 4) / 4)) } });
}

/** [ and ]: the brush a quarter smaller or larger. */
export const shrinkBrush = () => setBrushRadius(getState().brush.radius * 0.8);
export const growBrush = () => setBrushRadius(Math.max(getState().brush.radius * 1.25, getState().brush.radius + 0.5));

export function setBrushErases(erases: boolean): void {
  setState({ brush: { ...getState().brush, erases } });
}

/** The stroke shown while it is painted (image pixels), or null once applied or dropped. */
export function setStroke(stroke: { points: number[]; erases: boolean } | null): void {
  setState({ stroke });
}

/**
 * Applies a finished stroke: paints into the selected object (or starts a new one) or erases
 * from it. Erasing an object in two leaves both pieces in the one object (flagged "2 pieces";
 * Shift+S splits them). An eraser stroke that leaves nothing deletes the object.
 */
export function applyBrushStroke(points: number[], erases: boolean): void {
  const bounds = imageBounds();
  const region = strokeRegion(points, getState().brush.radius, bounds);
  if (region.area === 0) return;
  const selected = editableSelection();
  if (!selected) {
    if (erases) return void notify('info', 'Select the object to erase from first.');
    const rings = applyStroke(null, region, 'paint', bounds);
    if (rings) createObject(rings, { note: 'painted with the brush' });
    return;
  }
  const rings = applyStroke(selected.rings, region, erases ? 'erase' : 'paint', bounds);
  if (rings) updateObject(selected.id, { rings });
  else commit([{ id: selected.id, before: selected, after: null }]);
}

/** Objects made from pieces of `source`, keeping its label and note, stacked where it was. */
function piecesOf(source: AnnotationObject, pieces: Ring[][]): AnnotationObject[] {
  const now = Date.now();
  return pieces.map((rings, i) => ({ ...source, id: i === 0 ? source.id : newId(), version: i === 0 ? source.version : 0, rings, updatedAt: now, author: getState().user.name, ...(i ? { createdAt: now } : {}) }));
}

/** Replaces one object by several (a split or a cut) as one step, and selects them. */
function replaceByPieces(source: AnnotationObject, pieces: Ring[][]): void {
  const [first, ...rest] = piecesOf(source, pieces);
  const changes: Change<AnnotationObject>[] = [{ id: source.id, before: source, after: first }, ...rest.map((object) => ({ id: object.id, before: null, after: object }))];
  commit(changes);
  setSelection([first.id, ...rest.map((object) => object.id)]);
}

/** Shift+S: the selected object's separate pieces become separate objects. */
export function splitSelectionPieces(): void {
  const selected = editableSelection();
  if (!selected) return;
  const pieces = splitPieces(selected.rings, imageBounds());
  if (pieces.length < 2) return void notify('info', 'The object is one piece: draw a cut across it (S) to split it.');
  replaceByPieces(selected, pieces);
}

/** The end of a cut (S): the selected object is split along the line, or the user is told why not. */
export function cutSelection(line: number[]): void {
  const selected = editableSelection();
  if (!selected) return void notify('info', 'Select the object to cut first.');
  const pieces = cutObject(selected.rings, line, imageBounds());
  if (!pieces) return void notify('info', 'The line does not cut the object in two: draw it right across.');
  replaceByPieces(selected, pieces);
}

/** M: the selected objects become one (the topmost keeps its id, the others go), one step. */
export function mergeSelection(): void {
  const selected = editableSelectionAll();
  if (selected.length < 2) return void notify('info', 'Select two or more objects to merge (Shift + click, or a box drag).');
  const top = selected[selected.length - 1];
  const rings = mergeObjects(selected.map((object) => object.rings), imageBounds());
  const now = Date.now();
  commit([
    { id: top.id, before: top, after: { ...top, rings, updatedAt: now, author: getState().user.name } },
    ...selected.slice(0, -1).map((object) => ({ id: object.id, before: object, after: null })),
  ]);
  setSelection([top.id]);
}

/** Applies a per-object pixel edit to every selected object, one step; `failed` says why where an object would vanish. */
function editEach(edit: (rings: Ring[]) => Ring[] | null, failed: string): void {
  const selected = editableSelectionAll();
  const edits = selected.flatMap((object) => {
    const rings = edit(object.rings);
    return rings ? [{ id: object.id, change: { rings } }] : [];
  });
  if (edits.length < selected.length && failed) notify('info', failed);
  updateObjects(edits);
}

/** G and Shift+G: the selected objects one pixel larger or smaller. */
export const growSelection = () => editEach((rings) => growObject(rings, 1, imageBounds()), '');
export const shrinkSelection = () => editEach((rings) => growObject(rings, -1, imageBounds()), 'An object of one pixel across cannot shrink; it was left as it is.');
/** Shift+H: the selected objects without holes. */
export const fillSelectionHoles = () => editEach((rings) => fillObjectHoles(rings, imageBounds()), '');

/** The selected objects without their pieces of fewer than `minPixels` pixels. */
export function removeSmallPiecesOfSelection(minPixels: number): void {
  editEach((rings) => removeSmallPieces(rings, minPixels, imageBounds()), `An object with no piece of ${minPixels} pixels or more was left as it is.`);
}

/** The selected objects' outlines with vertices dropped within `tolerance` pixels (pixels may change), one step. */
export function simplifySelection(tolerance: number): void {
  editEach((rings) => rings.map((ring) => simplifyRingLossy(ring, tolerance)), '');
}
