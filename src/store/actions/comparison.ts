/**
 * The comparison layer: the open image's objects (the reference) against one of its reference
 * layers (the candidate: a second annotator's mask, CVAT XML, a model's output), matched
 * pixel-exactly (core/metrics/compareShapes.ts) and kept current as objects change. Errors are
 * stepped through with W / Shift+W, missed objects first, each brought into view.
 */
import { compareShapes } from '../../core/metrics/compareShapes';
import { byZ } from '../../core/objects';
import { currentImage, getState, setState, type ComparisonView } from '../store';
import type { AppliedChanges } from './afterChange';
import { bringIntoView } from './view';

/** Compares with this layer (or stops comparing with null). */
export function compareWithLayer(layerId: string | null, threshold = getState().comparison?.threshold ?? 0.5): void {
  setState({ comparison: layerId ? compute(layerId, threshold, -1) : null });
}

export function setComparisonThreshold(threshold: number): void {
  const { comparison } = getState();
  if (comparison) compareWithLayer(comparison.layerId, threshold);
}

/** After a change to the open image's objects: the comparison follows. */
export function keepComparison({ open }: AppliedChanges): void {
  const { comparison } = getState();
  if (open && comparison) setState({ comparison: compute(comparison.layerId, comparison.threshold, comparison.errorIndex) });
}

function compute(layerId: string, threshold: number, errorIndex: number): ComparisonView | null {
  const state = getState();
  const layer = state.layers.find((candidate) => candidate.id === layerId);
  const image = currentImage(state);
  if (!layer || !image) return null;
  const reference = byZ([...state.objects.values()]);
  const result = compareShapes(reference, layer.objects, image.width, image.height, threshold);
  return { layerId, threshold, referenceIds: reference.map((object) => object.id), result, errorIndex };
}

/** The comparison's errors in stepping order: missed reference objects, then extra candidates. */
export function comparisonErrors(comparison: ComparisonView): Array<{ kind: 'missed' | 'extra'; index: number }> {
  return [...comparison.result.missed.map((index) => ({ kind: 'missed' as const, index })), ...comparison.result.extra.map((index) => ({ kind: 'extra' as const, index }))];
}

/** W / Shift+W: the next (previous) error, brought into view. */
export function stepComparisonError(step: 1 | -1): void {
  const { comparison, objects, layers } = getState();
  if (!comparison) return;
  const errors = comparisonErrors(comparison);
  if (errors.length === 0) return;
  const errorIndex = (((comparison.errorIndex + step) % errors.length) + errors.length) % errors.length;
  setState({ comparison: { ...comparison, errorIndex } });
  const error = errors[errorIndex];
  const rings = error.kind === 'missed' ? objects.get(comparison.referenceIds[error.index])?.rings : layers.find((layer) => layer.id === comparison.layerId)?.objects[error.index].rings;
  if (rings) bringIntoView(rings, 0.25, 8);
}
