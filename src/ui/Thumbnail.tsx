import { useLayoutEffect, useRef } from 'react';
import type { Raster8 } from '../core/raster';
import { buildDisplayLut, defaultDisplay, renderRgba } from '../core/display';

const IDENTITY = buildDisplayLut(defaultDisplay({ low: 0, high: 255 }), 8);

/** A stored thumbnail raster drawn into a small canvas. */
export function Thumbnail({ raster, label }: { raster: Raster8; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const pixels = new ImageData(raster.width, raster.height);
    renderRgba(raster, IDENTITY, pixels.data);
    canvas.getContext('2d')!.putImageData(pixels, 0, 0);
  }, [raster]);
  return <canvas ref={ref} className="thumbnail" width={raster.width} height={raster.height} role="img" aria-label={label} />;
}
