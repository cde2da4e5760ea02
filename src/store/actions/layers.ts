import { newId } from '../../core/ids';
import type { InterchangeObject } from '../../core/interchange/types';
import { deleteLayer, loadLayers, saveLayer } from '../../io/db';
import { getState, setState, type ImportChoice } from '../store';
import { trackSave } from './saving';

/** The open image's reference layers; called when an image is opened. */
export async function loadReferenceLayers(imageId: string): Promise<void> {
  const layers = await loadLayers(imageId);
  if (getState().currentId === imageId) setState({ layers });
}

/** Keeps objects from a file as a read-only layer of an image, shown beside its own objects. */
export async function addReferenceLayer(imageId: string, name: string, objects: readonly InterchangeObject[]): Promise<void> {
  const layer = { imageId, id: newId(), name, objects: objects.map(({ rings, z }) => ({ rings: rings.map((ring) => [...ring]), z })), addedAt: Date.now() };
  if (getState().currentId === imageId) setState({ layers: [...getState().layers, layer], layersShown: true });
  await trackSave(saveLayer(layer), `${name}: reference layer not saved`);
}

export async function removeReferenceLayer(id: string): Promise<void> {
  const layer = getState().layers.find((candidate) => candidate.id === id);
  if (!layer) return;
  const comparing = getState().comparison?.layerId === id;
  setState({ layers: getState().layers.filter((candidate) => candidate !== layer), ...(comparing ? { comparison: null } : {}) });
  await trackSave(deleteLayer(layer.imageId, id), `${layer.name}: reference layer not removed`);
}

export function toggleReferenceLayers(): void {
  setState({ layersShown: !getState().layersShown });
}

type Answer = { choice: ImportChoice; forAll: boolean };
let answer: ((given: Answer) => void) | null = null;

/** Asks what to do with objects imported onto an image that has objects already (the dialog answers). */
export function askImportChoice(question: NonNullable<ReturnType<typeof getState>['importQuestion']>): Promise<Answer> {
  setState({ importQuestion: question });
  return new Promise((resolve) => (answer = resolve));
}

/** The dialog's answer; `forAll`: the same for the rest of this import's files. */
export function answerImportChoice(choice: ImportChoice, forAll: boolean): void {
  setState({ importQuestion: null });
  answer?.({ choice, forAll });
  answer = null;
}
