import type Konva from 'konva';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Image as KonvaImage, Layer, Stage } from 'react-konva';
import { screenToImage, ZOOM_STEP } from '../core/viewTransform';
import { panBy, setPointer, setViewport, zoomBy } from '../store/actions/view';
import { currentImage, getState, imageById, useAppStore } from '../store/store';
import { toolDoubleClick, toolPointerDown, toolPointerMove, toolPointerUp, type PointerInput } from '../tools';
import { DraftShape } from './DraftShape';
import { ComparisonShape } from './ComparisonShape';
import { LayersShape } from './LayersShape';
import { ProposalsShape } from './ProposalsShape';
import { ObjectsShape } from './ObjectsShape';
import { ReviewShape } from './ReviewShape';
import { SelectionShape } from './SelectionShape';
import { ToolOverlayShape } from './ToolOverlayShape';
import { useDisplayCanvas } from './useDisplayCanvas';
import { TiledImage } from './TiledImage';
import { useElementSize } from './useElementSize';
import { useSpaceHeld } from './useSpaceHeld';

/** Wheel delta (in pixels) that counts as one zoom step; trackpads send smaller deltas. */
const WHEEL_PIXELS_PER_STEP = 100;

/** Turns a Konva mouse event into tool input in image coordinates. */
function toolInput(event: Konva.KonvaEventObject<MouseEvent>): PointerInput | null {
  const pointer = event.target.getStage()?.getPointerPosition();
  if (!pointer) return null;
  const { view } = getState();
  const { x, y } = screenToImage(view, pointer);
  const { button, shiftKey, altKey, ctrlKey, metaKey } = event.evt;
  return { x, y, button, shift: shiftKey, alt: altKey, ctrl: ctrlKey || metaKey, zoom: view.zoom };
}

/**
 * The image and its objects on a Konva stage. Wheel zooms at the cursor; middle button or
 * Space + drag pans; other mouse input goes to the active tool (drawing or editing).
 */
export function Viewer() {
  const containerRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<Konva.Layer>(null);
  const size = useElementSize(containerRef);
  const view = useAppStore((state) => state.view);
  const pixels = useAppStore((state) => state.pixels);
  const image = useAppStore(currentImage);
  /** Name of the image whose pixels are on screen (tests and benchmarks wait for it). */
  const [shownName, setShownName] = useState('');
  const spaceHeld = useSpaceHeld();
  const panFrom = useRef<{ x: number; y: number } | null>(null);
  const [panning, setPanning] = useState(false);

  const onRendered = useCallback(() => {
    layerRef.current?.batchDraw();
    const name = imageById(getState(), pixels?.id ?? null)?.name ?? '';
    // After Konva's own frame callback, so the mark follows the actual draw (benchmarks read it).
    requestAnimationFrame(() => {
      performance.mark('image-shown');
      setShownName(name);
    });
  }, [pixels]);
  const settings = image?.id === pixels?.id ? image?.display : undefined;
  const canvas = useDisplayCanvas(pixels && !pixels.tiled ? pixels : null, settings, onRendered);
  // Tests and benchmarks wait for every tile the view wants (set directly: no React render per tile).
  const onTilesDrawn = useCallback((missing: number) => {
    const element = containerRef.current;
    if (!element || element.dataset.tilesMissing === String(missing)) return;
    element.dataset.tilesMissing = String(missing);
    if (missing === 0) performance.mark('tiles-complete');
  }, []);

  useEffect(() => {
    if (size.width > 0 && size.height > 0) setViewport(size.width, size.height);
  }, [size.width, size.height]);

  // A tool gesture (drawing freehand, dragging) ends wherever the button is released.
  useEffect(() => {
    window.addEventListener('mouseup', toolPointerUp);
    return () => window.removeEventListener('mouseup', toolPointerUp);
  }, []);

  // Panning continues when the pointer leaves the stage, until the button is released anywhere.
  useEffect(() => {
    if (!panning) return;
    const move = (event: MouseEvent) => {
      const from = panFrom.current!;
      panBy(event.clientX - from.x, event.clientY - from.y);
      panFrom.current = { x: event.clientX, y: event.clientY };
    };
    const up = () => setPanning(false);
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    return () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
  }, [panning]);

  function onWheel(event: Konva.KonvaEventObject<WheelEvent>) {
    event.evt.preventDefault();
    const pointer = event.target.getStage()?.getPointerPosition();
    if (!pointer) return;
    const steps = Math.max(-4, Math.min(4, -event.evt.deltaY / WHEEL_PIXELS_PER_STEP));
    zoomBy(Math.pow(ZOOM_STEP, steps), pointer);
  }

  function onMouseDown(event: Konva.KonvaEventObject<MouseEvent>) {
    if (event.evt.button === 1 || (event.evt.button === 0 && spaceHeld)) {
      event.evt.preventDefault();
      panFrom.current = { x: event.evt.clientX, y: event.evt.clientY };
      setPanning(true);
      return;
    }
    const input = toolInput(event);
    if (input && image) toolPointerDown(input);
  }

  function onMouseMove(event: Konva.KonvaEventObject<MouseEvent>) {
    setPointer(event.target.getStage()?.getPointerPosition() ?? null);
    const input = toolInput(event);
    if (input && !panning) toolPointerMove(input);
  }

  const drawing = useAppStore((state) => /^(draw|assist|cut)\./.test(state.toolPath));
  const brushing = useAppStore((state) => state.toolPath.startsWith('brush.'));
  const cursor = panning ? 'grabbing' : spaceHeld ? 'grab' : brushing ? 'none' : drawing ? 'crosshair' : 'default';
  return (
    <div
      ref={containerRef}
      className="viewer"
      data-testid="viewer"
      data-shown-image={shownName}
      data-view={`${view.zoom} ${view.x} ${view.y}`}
      style={{ cursor }}
      onContextMenu={(event) => event.preventDefault()}
      // The browser's own double click (it checks time and distance; Konva's checks only time).
      onDoubleClick={toolDoubleClick}
    >
      {size.width > 0 && (
        <Stage
          width={size.width}
          height={size.height}
          x={view.x}
          y={view.y}
          scaleX={view.zoom}
          scaleY={view.zoom}
          onWheel={onWheel}
          onMouseDown={onMouseDown}
          onMouseMove={onMouseMove}
          onMouseLeave={() => setPointer(null)}
        >
          <Layer ref={layerRef} listening={false} imageSmoothingEnabled={view.zoom < 1}>
            {canvas && image && <KonvaImage image={canvas} width={image.width} height={image.height} />}
            {pixels?.tiled && settings && <TiledImage imageId={pixels.id} pyramid={pixels.tiled} settings={settings} onShown={onRendered} onDrawn={onTilesDrawn} />}
          </Layer>
          <Layer listening={false}>
            <ObjectsShape />
          </Layer>
          <Layer listening={false}>
            <LayersShape />
            <ComparisonShape />
            <ProposalsShape />
            <SelectionShape />
            <ReviewShape />
            <DraftShape />
            <ToolOverlayShape />
          </Layer>
        </Stage>
      )}
    </div>
  );
}
