import { describe, expect, it } from 'vitest';
import { centredView, clampZoom, fitZoom, pixelUnder, screenToImage, zoomAround, ZOOM_MAX, ZOOM_MIN } from './viewTransform';

describe('view transform', () => {
  it('keeps the image point under the cursor fixed while zooming', () => {
    const view = { zoom: 2, x: 10, y: -30 };
    const cursor = { x: 321, y: 123 };
    const before = screenToImage(view, cursor);
    const after = screenToImage(zoomAround(view, 1.25, cursor), cursor);
    expect(after.x).toBeCloseTo(before.x, 10);
    expect(after.y).toBeCloseTo(before.y, 10);
  });

  it('clamps zoom to 5 %..6400 %, allowing a smaller fit for huge images', () => {
    expect(clampZoom(1000)).toBe(ZOOM_MAX);
    expect(clampZoom(0.0001)).toBe(ZOOM_MIN);
    expect(clampZoom(0.0001, 0.01)).toBe(0.01);
    expect(ZOOM_MAX).toBeGreaterThanOrEqual(40);
  });

  it('fits and centres the whole image', () => {
    const image = { width: 1104, height: 1104 };
    const viewport = { width: 800, height: 600 };
    expect(fitZoom(image, viewport)).toBeCloseTo(600 / 1104, 12);
    const view = centredView(image, viewport);
    expect(view.y).toBeCloseTo(0, 9);
    expect(view.x + (1104 * view.zoom) / 2).toBeCloseTo(400, 9);
  });

  it('maps pixel edges by the half-open convention', () => {
    const image = { width: 4, height: 3 };
    expect(pixelUnder({ x: 0, y: 0 }, image)).toEqual({ x: 0, y: 0 });
    expect(pixelUnder({ x: 3.999, y: 2.5 }, image)).toEqual({ x: 3, y: 2 });
    expect(pixelUnder({ x: 4, y: 1 }, image)).toBeNull();
    expect(pixelUnder({ x: -0.01, y: 1 }, image)).toBeNull();
  });
});
