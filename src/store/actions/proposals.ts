/**
 * The assisted outlining: "Detect all" runs the detector (the nucleus model or the classical
 * pipeline) in the segmentation worker and keeps its objects as proposals, apart from the
 * image's own objects; the user accepts or rejects them. Proposals are stored per image, so a
 * reload shows them as they were; they are never exported, submitted or counted until accepted.
 */
import { boxesIntersect, objectBox, pointInRings } from '../../core/geometry';
import { newId } from '../../core/ids';
import { combineRegions, regionOfRings, ringsIoU, ringsOfRegion } from '../../core/mask/regions';
import { NUCLEUS_LABEL, type AnnotationObject } from '../../core/objects';
import type { ImageRecord, Proposal } from '../../core/project';
import { deleteProposals, loadObjects, loadProposals, replaceProposals } from '../../io/db';
import { segmentWorker } from '../../workers/segmentClient';
import type { Detection } from '../../workers/segmentProtocol';
import { getState, imageById, setState } from '../store';
import { createObject, editableSelection, selectObject, updateObject } from './annotations';
import { bringIntoView } from './view';
import { describeFailure, notify } from './notices';
import { applyObjectChanges } from './objectChanges';
import { trackSave } from './saving';
import { runTask, type TaskControl } from './tasks';

/** A proposal overlapping an existing object more than this (IoU) is not proposed again. */
export const DUPLICATE_IOU = 0.5;
/** Proposals under this many pixels come first in the review order (micronuclei, fragments). */
const SMALL_AREA = 200;

/** Where the app is served: the shipped weights and the model runtime come from there. */
function appUrl(): string {
  return document.baseURI;
}

/** The open image's proposals; called when an image is opened. */
export async function loadImageProposals(imageId: string): Promise<void> {
  const proposals = await loadProposals(imageId);
  if (getState().currentId === imageId) setState({ proposals, selectedProposalId: null });
}

/** Detections that do not duplicate one of `objects` (IoU above DUPLICATE_IOU), as proposals of the image. */
function newProposals(image: ImageRecord, detections: Detection[], objects: readonly AnnotationObject[]): { proposals: Proposal[]; duplicates: number } {
  const boxes = objects.map((object) => objectBox(object.rings));
  const method = getState().detectMethod;
  const proposals: Proposal[] = [];
  for (const detection of detections) {
    const box = objectBox(detection.rings);
    const duplicate = objects.some((object, i) => boxesIntersect(box, boxes[i]) && ringsIoU(detection.rings, object.rings) > DUPLICATE_IOU);
    if (!duplicate) proposals.push({ imageId: image.id, id: newId(), ...detection, method });
  }
  return { proposals, duplicates: detections.length - proposals.length };
}

/** Runs the detector on one image and stores its proposals there (replacing the previous ones, all at once). */
async function detectOn(image: ImageRecord, task: TaskControl, priority: 'interactive' | 'background'): Promise<{ proposals: number; duplicates: number }> {
  const detections = await segmentWorker.call('detect', { imageId: image.id, method: getState().detectMethod, appUrl: appUrl() }, { signal: task.signal, priority });
  const open = getState().objectsImageId === image.id;
  const objects = open ? [...getState().objects.values()] : await loadObjects(image.id);
  task.signal.throwIfAborted(); // a cancel stops before anything of this image is written
  const { proposals, duplicates } = newProposals(image, detections, objects);
  await replaceProposals(image.id, proposals);
  if (getState().currentId === image.id) setState({ proposals, selectedProposalId: null });
  return { proposals: proposals.length, duplicates };
}

/** Shift+D / "Detect all": proposals for every nucleus of the open image, with progress and Cancel. */
export async function detectAll(): Promise<void> {
  const image = imageById(getState(), getState().objectsImageId);
  if (!image) return;
  try {
    const found = await runTask('detect', 'Detecting nuclei on', async (task) => {
      task.report(0, 1, image.name);
      return detectOn(image, task, 'interactive');
    });
    if (found) notify('info', `${image.name}: ${found.proposals} objects proposed${found.duplicates ? ` (${found.duplicates} more match objects already there)` : ''}`);
  } catch (error) {
    notify('error', describeFailure(image.name, error));
  }
}

/**
 * Detection on several images (the ones selected in the list, else all) as one background job
 * with progress and Cancel. Each image's proposals are written at once, so a cancelled run
 * leaves images either done or untouched, never half-written.
 */
export async function detectProject(): Promise<void> {
  const { images, imageSelection } = getState();
  const targets = imageSelection.length ? images.filter((image) => imageSelection.includes(image.id)) : images;
  let proposed = 0;
  const done = await runTask('detect', 'Detecting nuclei on', async (task) => {
    for (const [index, image] of targets.entries()) {
      task.report(index, targets.length, image.name);
      try {
        proposed += (await detectOn(image, task, 'background')).proposals;
      } catch (error) {
        if (task.signal.aborted) throw error;
        notify('error', describeFailure(image.name, error));
      }
    }
    return true;
  });
  if (done) notify('info', `${proposed} objects proposed on ${targets.length} images`);
}

/** Accepts proposals of the open image: they become its objects, on top, as one undo step. */
export function acceptProposals(ids: readonly string[]): string[] {
  const { proposals, objectsImageId, objects, user } = getState();
  const chosen = proposals.filter((proposal) => ids.includes(proposal.id));
  if (!objectsImageId || chosen.length === 0) return [];
  let top = [...objects.values()].reduce((z, object) => Math.max(z, object.z), 0);
  const now = Date.now();
  const created: AnnotationObject[] = chosen.map((proposal) => ({
    id: newId(), version: 0, rings: proposal.rings.map((ring) => [...ring]), z: ++top, label: NUCLEUS_LABEL,
    note: `proposed by the ${proposal.method === 'model' ? 'nucleus model' : 'classical pipeline'} (confidence ${proposal.confidence.toFixed(2)})`,
    createdAt: now, updatedAt: now, author: user.name,
  }));
  if (!applyObjectChanges(created.map((object) => ({ id: object.id, before: null, after: object })), { source: 'model', history: 'record' })) return [];
  dropProposals(objectsImageId, chosen.map((proposal) => proposal.id));
  return created.map((object) => object.id);
}

export function rejectProposals(ids: readonly string[]): void {
  const imageId = getState().objectsImageId;
  if (imageId) dropProposals(imageId, ids);
}

function dropProposals(imageId: string, ids: readonly string[]): void {
  const { proposals, selectedProposalId } = getState();
  setState({ proposals: proposals.filter((proposal) => !ids.includes(proposal.id)), selectedProposalId: selectedProposalId && ids.includes(selectedProposalId) ? null : selectedProposalId });
  void trackSave(deleteProposals(imageId, [...ids]), 'proposals not updated');
}

export function selectProposal(id: string | null): void {
  setState({ selectedProposalId: id, ...(id ? { selectedId: null, selectedIds: [] } : {}) });
}

/** The proposals in review order: small ones first (easy to miss), then the least confident. */
export function reviewOrder(proposals: readonly Proposal[]): Proposal[] {
  return [...proposals].sort((a, b) => Number(b.area < SMALL_AREA) - Number(a.area < SMALL_AREA) || a.confidence - b.confidence || a.area - b.area);
}

/** The proposal whose outline contains the image point, or null. */
export function proposalAt(x: number, y: number): Proposal | null {
  return getState().proposals.find((proposal) => pointInRings(proposal.rings, x, y)) ?? null;
}

export function setDetectMethod(detectMethod: 'model' | 'classical'): void {
  setState({ detectMethod });
}

/**
 * The one-click tool: the object under a click, from the detector's result for the image (made
 * once in the worker and kept), or a region grown from the click where it found nothing.
 * 'new' adds it as an object; 'add' and 'remove' add its pixels to the selected object or take
 * them away (one undo step each). Returns whether anything changed.
 */
export async function outlineAt(x: number, y: number, op: 'new' | 'add' | 'remove'): Promise<boolean> {
  const image = imageById(getState(), getState().objectsImageId);
  if (!image) return false;
  const region = await segmentWorker.call('click', { imageId: image.id, method: getState().detectMethod, appUrl: appUrl(), x, y });
  if (getState().objectsImageId !== image.id) return false; // another image opened meanwhile
  if (!region) {
    notify('info', 'Nothing to outline there: the click is on background.');
    return false;
  }
  if (op === 'new') return createObject(region.rings, { note: region.source === 'detected' ? `outlined by one click (confidence ${region.confidence.toFixed(2)})` : 'outlined by one click (grown region)' }, 'model') !== null;
  const selected = editableSelection();
  if (!selected) {
    notify('info', 'Select an object first: Shift + click adds to it, Alt + click takes away from it.');
    return false;
  }
  const changed = combineRegions(regionOfRings(selected.rings), regionOfRings(region.rings), op === 'add' ? 'union' : 'subtract');
  if (changed.area === 0) {
    notify('info', 'That would leave the object without pixels; delete it instead (Delete).');
    return false;
  }
  updateObject(selected.id, { rings: ringsOfRegion(changed, image) });
  return true;
}

/** Has the worker make the detector's result for the open image now, so the first click answers at once. */
export function prepareOneClick(): void {
  const imageId = getState().objectsImageId;
  if (!imageId) return;
  const method = getState().detectMethod;
  // A failure here is reported by the click that needs the result.
  void Promise.resolve()
    .then(() => segmentWorker.call('detect', { imageId, method, appUrl: appUrl() }, { priority: 'background' }))
    .catch(() => {});
}

/** P: the next proposal to review (small and least confident first), centred and zoomed so it is large. */
export function nextProposal(): void {
  const ordered = reviewOrder(getState().proposals);
  if (ordered.length === 0) return;
  const at = ordered.findIndex((proposal) => proposal.id === getState().selectedProposalId);
  const next = ordered[(at + 1) % ordered.length];
  selectProposal(next.id);
  bringIntoView(next.rings, 0.25, 8);
}

/** A: accepts the selected proposal and selects the object it becomes. */
export function acceptSelectedProposal(): void {
  const id = getState().selectedProposalId;
  if (!id) return;
  const [created] = acceptProposals([id]);
  if (created) selectObject(created);
}

export function rejectSelectedProposal(): void {
  const id = getState().selectedProposalId;
  if (id) rejectProposals([id]);
}

/** Shift+A: every proposal of the open image becomes an object, as one undo step. */
export function acceptAllProposals(): void {
  acceptProposals(getState().proposals.map((proposal) => proposal.id));
}

export function rejectAllProposals(): void {
  rejectProposals(getState().proposals.map((proposal) => proposal.id));
}
