import type Konva from 'konva';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Shape } from 'react-konva';
import type { Box } from '../core/geometry';
import { objectStats } from '../core/objectStats';
import type { AnnotationObject } from '../core/objects';
import { getState, useAppStore } from '../store/store';
import { ObjectsRaster, type RasterScene } from './ObjectsRaster';

/** After the view stops changing for this long, the cache is redrawn sharp at the new zoom. */
const SETTLE_MS = 120;
/** Past this many changed objects, one full redraw is cheaper than many region redraws. */
const MAX_REGION_REDRAWS = 200;

/** Image-space boxes of every object that differs between two versions of the model. */
function changedBoxes(before: ReadonlyMap<string, AnnotationObject>, after: ReadonlyMap<string, AnnotationObject>): Box[] | null {
  const boxes: Box[] = [];
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
 * Every object except the selected one, as one non-listening shape that blits a cached raster
 * (see ObjectsRaster). Hit-testing happens in the model (store/actions/hitTest.ts), not here.
 */
export function ObjectsShape() {
  const raster = useMemo(() => new ObjectsRaster(), []);
  const shape = useRef<Konva.Shape>(null);
  const objects = useAppStore((state) => state.objects);
  const selectedIds = useAppStore((state) => state.selectedIds);
  const excluded = useMemo(() => new Set(selectedIds), [selectedIds]);
  const overlay = useAppStore((state) => state.overlay);
  const view = useAppStore((state) => state.view);
  const viewport = useAppStore((state) => state.viewport);
  const shown = useRef<RasterScene | null>(null);

  const redraw = useCallback(() => shape.current?.getLayer()?.batchDraw(), []);

  // Model changes: redraw only the regions they touched; a new image or overlay redraws all.
  useLayoutEffect(() => {
    const scene: RasterScene = { objects, excluded, overlay };
    const before = shown.current;
    shown.current = scene;
    const { view: current, viewport: size } = getState();
    const boxes = before && before.overlay === overlay ? changedBoxes(before.objects, objects) : null;
    const regions = boxes && before ? [...boxes, ...boxesOf(before.objects, before.excluded), ...boxesOf(objects, excluded)] : null;
    if (!regions || regions.length > MAX_REGION_REDRAWS || !raster.covers(current, size)) raster.redrawAll(scene, current, size);
    else raster.redrawRegions(scene, regions);
    redraw();
  }, [objects, excluded, overlay, raster, redraw]);

  // View changes: reuse (scale) the cache at once, redraw it sharp when the view settles.
  useEffect(() => {
    if (raster.covers(view, viewport) || !shown.current) return;
    const timer = setTimeout(() => {
      raster.redrawAll(shown.current!, getState().view, getState().viewport);
      redraw();
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [view, viewport, raster, redraw]);

  const sceneFunc = useCallback((context: Konva.Context) => raster.blit(context._context), [raster]);
  return <Shape ref={shape} sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
}
