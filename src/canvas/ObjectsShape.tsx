import type Konva from 'konva';
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { Shape } from 'react-konva';
import type { Box } from '../core/geometry';
import { objectStats } from '../core/objectStats';
import type { AnnotationObject } from '../core/objects';
import { objectIdsIn } from '../store/actions/hitTest';
import { currentImage, getState, useAppStore } from '../store/store';
import { ObjectsRenderer } from './objectsRenderer';
import type { TileScene } from './objectTiles';

/** Past this many changed objects, one full redraw is cheaper than many region redraws. */
const MAX_REGION_REDRAWS = 200;

/** Image-space boxes of every object that differs between two versions of the model. */
function changedBoxes(before: ReadonlyMap<string, AnnotationObject>, after: ReadonlyMap<string, AnnotationObject>): Box[] | null {
  const boxes: Box[] = [];
  if (before === after) return boxes; // a selection change only: no need to compare 100,000 entries
  for (const [id, object] of after) {
    const old = before.get(id);
    if (old === object) continue;
    boxes.push(objectStats(object).box);
    if (old) boxes.push(objectStats(old).box);
    if (boxes.length > MAX_REGION_REDRAWS) return null;
  }
  for (const [id, old] of before) if (!after.has(id)) boxes.push(objectStats(old).box);
  return boxes.length > MAX_REGION_REDRAWS ? null : boxes;
}

function boxesOf(objects: ReadonlyMap<string, AnnotationObject>, ids: Iterable<string>): Box[] {
  return [...ids].flatMap((id) => {
    const object = objects.get(id);
    return object ? [objectStats(object).box] : [];
  });
}

/**
 * Every object except the selected ones, as one non-listening shape drawn from tiles (see
 * ObjectsRenderer). Hit-testing happens in the model (store/actions/hitTest.ts), not here.
 * The layer's canvas carries `data-objects`: how the last frame showed them (sharp, coarse
 * or missing), for the benchmarks.
 */
export function ObjectsShape() {
  const shape = useRef<Konva.Shape>(null);
  const redraw = useCallback(() => shape.current?.getLayer()?.batchDraw(), []);
  const renderer = useMemo(() => new ObjectsRenderer(redraw), [redraw]);
  const objects = useAppStore((state) => state.objects);
  const selectedIds = useAppStore((state) => state.selectedIds);
  const excluded = useMemo(() => new Set(selectedIds), [selectedIds]);
  const overlay = useAppStore((state) => state.overlay);
  const imageId = useAppStore((state) => state.objectsImageId);
  const shown = useRef<{ scene: TileScene; imageId: string | null } | null>(null);

  // Model changes: redraw only the regions they touched. Another image's objects (also the empty
  // set shown while they load) or another overlay redraw all: region redraws of every object of
  // the old and the new image cost far more than drawing the new one's tiles afresh.
  useLayoutEffect(() => {
    const scene: TileScene = { objects, excluded, overlay, candidatesIn: objectIdsIn };
    const before = shown.current?.imageId === imageId ? shown.current.scene : null;
    shown.current = { scene, imageId };
    const boxes = before && before.overlay === overlay ? changedBoxes(before.objects, objects) : null;
    const regions = boxes && before ? [...boxes, ...boxesOf(before.objects, before.excluded), ...boxesOf(objects, excluded)] : null;
    renderer.setScene(scene, regions && regions.length <= MAX_REGION_REDRAWS ? regions : null, currentImage(getState()) ?? { width: 1, height: 1 });
    redraw();
  }, [objects, excluded, overlay, imageId, renderer, redraw]);

  // The stage redraws on every view change (its transform is a prop); the renderer follows it.
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      // The stage's transform, not the store's: the image layer is drawn with it in this frame.
      const stage = shape.current?.getStage();
      if (!stage) return;
      renderer.compose(context._context, { zoom: stage.scaleX(), x: stage.x(), y: stage.y() }, getState().viewport);
      const canvas = shape.current?.getLayer()?.getNativeCanvasElement();
      if (canvas && canvas.dataset.objects !== renderer.quality) canvas.dataset.objects = renderer.quality;
    },
    [renderer],
  );
  return <Shape ref={shape} sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
}
