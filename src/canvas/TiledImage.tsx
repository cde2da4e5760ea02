import type Konva from 'konva';
import { useEffect, useMemo, useRef } from 'react';
import { Shape } from 'react-konva';
import { buildDisplayLut, type DisplaySettings } from '../core/display';
import { screenToImage } from '../core/viewTransform';
import { ancestorTile, levelForZoom, tileRect, tilesInBox, type Pyramid } from '../core/tiles';
import { readTile } from '../store/actions/tiles';
import { getState } from '../store/store';
import { TileCache } from './tileCache';

/** A draw renders newly read tiles for at most this long (ms); the rest follow in the next frames. */
const RENDER_BUDGET_MS = 6;

interface Props {
  imageId: string;
  pyramid: Pyramid;
  settings: DisplaySettings;
  /** After the first draw (the overview at least): the image is on screen. */
  onShown: () => void;
  /** After each draw: how many tiles of the level the view wants are not loaded yet (drawn coarser meanwhile). */
  onDrawn: (missing: number) => void;
}

/**
 * An image too large for one canvas, drawn from its tile pyramid (core/tiles.ts): the tiles of
 * the level that suits the zoom, for the part in view. Until a tile is read, the finest loaded
 * tile above it is drawn in its place (the overview is read first and always kept), so no part
 * of the image is ever blank, only briefly coarser.
 */
export function TiledImage({ imageId, pyramid, settings, onShown, onDrawn }: Props) {
  const shape = useRef<Konva.Shape>(null);
  const callbacks = useRef({ onShown, onDrawn });
  callbacks.current = { onShown, onDrawn };
  const lut = useMemo(() => buildDisplayLut(settings, pyramid.bitDepth), [settings, pyramid.bitDepth]);
  const cache = useMemo(
    () => new TileCache(pyramid, (level, index) => readTile(imageId, level, index), () => shape.current?.getLayer()?.batchDraw(), lut),
    // A new cache per image; settings changes only swap its lookup table (below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [imageId, pyramid],
  );
  const shown = useRef(false);
  useEffect(() => {
    shown.current = false;
    return () => cache.dispose();
  }, [cache]);
  useEffect(() => {
    cache.setLut(lut);
    shape.current?.getLayer()?.batchDraw();
  }, [cache, lut]);

  function draw(context: Konva.Context): void {
    const started = performance.now();
    const { view, viewport } = getState();
    const level = levelForZoom(pyramid, view.zoom * window.devicePixelRatio);
    const a = screenToImage(view, { x: 0, y: 0 }), b = screenToImage(view, { x: viewport.width, y: viewport.height });
    const wanted = tilesInBox(pyramid, level, { minX: a.x, minY: a.y, maxX: b.x, maxY: b.y });
    cache.request(cache.top, 0);
    for (const index of wanted) cache.request(level, index);
    context.save();
    context.beginPath();
    context.rect(0, 0, pyramid.width, pyramid.height);
    context.clip();
    const drawTile = (l: number, index: number) => {
      const canvas = cache.canvas(l, index, l === cache.top || performance.now() - started < RENDER_BUDGET_MS);
      if (!canvas) return false;
      const rect = tileRect(pyramid, l, index), scale = 2 ** l;
      context.drawImage(canvas, rect.x * scale, rect.y * scale, rect.width * scale, rect.height * scale);
      return true;
    };
    // Each wanted tile not ready to draw is stood in for by its finest ready ancestor (the
    // overview at worst), drawn first, coarsest first, so that finer tiles cover them.
    const standIns = new Map<string, [number, number]>();
    for (const index of wanted) {
      if (cache.ready(level, index)) continue;
      for (let up = 1; level + up <= cache.top; up++) {
        const ancestor = ancestorTile(pyramid, level, index, up);
        if (cache.ready(level + up, ancestor) || level + up === cache.top) {
          standIns.set(`${level + up}:${ancestor}`, [level + up, ancestor]);
          break;
        }
      }
    }
    let shownAny = false;
    for (const [l, index] of [...standIns.values()].sort((p, q) => q[0] - p[0])) shownAny = drawTile(l, index) || shownAny;
    let missing = 0;
    for (const index of wanted) {
      if (drawTile(level, index)) shownAny = true;
      else missing++;
    }
    context.restore();
    if (shownAny && !shown.current) {
      shown.current = true;
      callbacks.current.onShown();
    }
    callbacks.current.onDrawn(missing);
    if (cache.deferred) {
      cache.deferred = false;
      requestAnimationFrame(() => shape.current?.getLayer()?.batchDraw());
    }
  }

  return <Shape ref={shape} listening={false} perfectDrawEnabled={false} sceneFunc={draw} />;
}
