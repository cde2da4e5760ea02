import { useLayoutEffect, useMemo, useRef } from 'react';
import { buildDisplayLut, renderRgba, type DisplaySettings } from '../core/display';
import type { WholePixels } from '../store/store';

/**
 * An offscreen canvas holding the open image as displayed (window, gamma, contrast applied).
 * 16-bit images are rendered from their original values, so re-windowing never loses depth.
 * `onRendered` runs after each repaint of the canvas, so the caller can redraw its layer.
 * Images too large for one canvas are drawn from tiles instead (TiledImage).
 */
export function useDisplayCanvas(
  pixels: WholePixels | null,
  settings: DisplaySettings | undefined,
  onRendered: () => void,
): HTMLCanvasElement | null {
  const canvas = useMemo(() => {
    if (!pixels) return null;
    const element = document.createElement('canvas');
    element.width = pixels.display.width;
    element.height = pixels.display.height;
    return element;
  }, [pixels]);
  const imageData = useMemo(
    () => (pixels ? new ImageData(pixels.display.width, pixels.display.height) : null),
    [pixels],
  );
  const rendered = useRef(onRendered);
  rendered.current = onRendered;

  useLayoutEffect(() => {
    if (!pixels || !canvas || !imageData || !settings) return;
    const source = pixels.original ?? pixels.display;
    renderRgba(source, buildDisplayLut(settings, source.bitDepth), imageData.data);
    canvas.getContext('2d')!.putImageData(imageData, 0, 0);
    rendered.current();
  }, [pixels, canvas, imageData, settings]);

  return canvas;
}
