import { describe, expect, it } from 'vitest';
import { generateDemoImages, type DemoImage } from './demo';
import { objectArea } from './geometry';
import { rasterizeShapes } from './mask/rasterize';
import { createRng, valueNoise } from './random';

// Generated once: each call takes ~0.1 s.
const images = generateDemoImages();

function percentile(data: Uint16Array, p: number): number {
  const sorted = Uint16Array.from(data).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Areas (px) and maximum values of 4-connected components of pixels above `threshold`. */
function components(img: DemoImage, threshold: number): { area: number; max: number }[] {
  const { width, height, data } = img.raster;
  const seen = new Uint8Array(data.length), found: { area: number; max: number }[] = [];
  const stack: number[] = [];
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || data[start] <= threshold) continue;
    seen[start] = 1;
    stack.push(start);
    let area = 0, max = 0;
    while (stack.length > 0) {
      const k = stack.pop()!, x = k % width, y = (k - x) / width;
      area++;
      max = Math.max(max, data[k]);
      const next = [x > 0 ? k - 1 : -1, x < width - 1 ? k + 1 : -1, y > 0 ? k - width : -1, y < height - 1 ? k + width : -1];
      for (const n of next) {
        if (n >= 0 && !seen[n] && data[n] > threshold) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    found.push({ area, max });
  }
  return found;
}

describe('generateDemoImages', () => {
  it('gives three 16-bit grayscale images with Cellomics-style names', () => {
    expect(images).toHaveLength(3);
    const names = images.map((i) => i.name);
    expect(new Set(names).size).toBe(3);
    for (const { name, raster } of images) {
      // <plate>_<12 digits>_<well row A-P><col 2 digits>f<field>d<channel>, no extension.
      expect(name).toMatch(/^[A-Za-z0-9]+_\d{12}_[A-P]\d{2}f\d{2}d\d$/);
      expect(raster.channels).toBe(1);
      expect(raster.bitDepth).toBe(16);
      expect(raster.data).toBeInstanceOf(Uint16Array);
      expect(raster.width).toBe(768);
      expect(raster.height).toBe(768);
      expect(raster.data.length).toBe(raster.width * raster.height);
    }
  });

  it('comes with the first image annotated: an object on every nucleus, micronucleus and fragment, bright inside', () => {
    const [annotated, ...others] = images;
    expect(others.every((image) => image.objects.length === 0)).toBe(true);
    expect(annotated.objects.length).toBeGreaterThanOrEqual(40); // 30 nuclei, pairs, 6 micronuclei, 2 fragment clusters, …
    const { width, height, data } = annotated.raster;
    const labels = rasterizeShapes(annotated.objects.map((rings, i) => ({ rings, z: i + 1 })), width, height).labels;
    let inside = 0, insideSum = 0, outsideSum = 0;
    labels.forEach((label, p) => {
      if (label) (inside++, (insideSum += data[p]));
      else outsideSum += data[p];
    });
    // Objects cover the bright blobs: far brighter on average than the rest of the field.
    expect(insideSum / inside).toBeGreaterThan(3 * (outsideSum / (labels.length - inside)));
    const areas = annotated.objects.map((rings) => objectArea(rings));
    expect(Math.min(...areas)).toBeLessThan(40); // micronuclei and fragments are outlined too
  });

  it('is deterministic: a second call gives identical pixels', () => {
    const again = generateDemoImages();
    for (let i = 0; i < images.length; i++) {
      expect(again[i].name).toBe(images[i].name);
      const a = images[i].raster.data, b = again[i].raster.data;
      let differing = 0;
      for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) differing++;
      expect(differing).toBe(0);
    }
  });

  it('the three images differ from each other', () => {
    const [a, b] = [images[0].raster.data, images[1].raster.data];
    let same = 0;
    for (let k = 0; k < a.length; k++) if (a[k] === b[k]) same++;
    expect(same / a.length).toBeLessThan(0.2);
  });

  it('has a camera-offset background, bright nuclei and no saturation', () => {
    for (const { raster } of images) {
      const median = percentile(raster.data, 0.5);
      const low = percentile(raster.data, 0.001);
      const max = raster.data.reduce((m, v) => Math.max(m, v), 0);
      expect(median).toBeGreaterThanOrEqual(150);
      expect(median).toBeLessThanOrEqual(300);
      expect(low).toBeGreaterThan(100); // noise does not clip at 0
      expect(max).toBeGreaterThan(median + 3000);
      expect(max).toBeLessThan(65535);
    }
  });

  it('background is noisy and unevenly lit, not flat', () => {
    for (const { raster } of images) {
      const { data, width } = raster;
      // Standard deviation of horizontal neighbour differences in the darkest rows of a corner.
      let sum = 0, n = 0;
      for (let y = 0; y < 40; y++) {
        for (let x = 0; x < 40; x++) {
          const d = data[y * width + x + 1] - data[y * width + x];
          sum += d * d;
          n++;
        }
      }
      expect(Math.sqrt(sum / n)).toBeGreaterThan(3);
    }
  });

  it('contains many separate blobs, varied in brightness, including micronucleus-sized ones', () => {
    for (const img of images) {
      const median = percentile(img.raster.data, 0.5);
      const blobs = components(img, median + 300);
      const nuclei = blobs.filter((b) => b.area >= 150);
      const tiny = blobs.filter((b) => b.area >= 6 && b.area < 50);
      expect(blobs.filter((b) => b.area >= 6).length).toBeGreaterThanOrEqual(15);
      expect(nuclei.length).toBeGreaterThanOrEqual(10);
      expect(tiny.length).toBeGreaterThanOrEqual(3);
      // Haze never bridges nuclei into one huge region: the largest is at most a touching pair.
      expect(Math.max(...blobs.map((b) => b.area))).toBeLessThan(8000);
      // Nuclei brightness spans well over 2x (dim and bright nuclei).
      const peaks = nuclei.map((b) => b.max - median).sort((x, y) => x - y);
      expect(peaks[peaks.length - 1] / peaks[0]).toBeGreaterThan(2.5);
    }
  });
});

describe('createRng', () => {
  it('repeats for the same seed and differs between seeds', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
  });

  it('keeps values in range with about the right moments', () => {
    const rng = createRng(7);
    let sum = 0, sq = 0, bad = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = rng.next(), k = rng.int(2, 5), g = rng.normal(), [dx, dy] = rng.direction();
      if (!(u >= 0 && u < 1) || !(k >= 2 && k <= 5 && Number.isInteger(k))) bad++;
      if (Math.abs(dx * dx + dy * dy - 1) > 1e-12) bad++;
      sum += g;
      sq += g * g;
    }
    expect(bad).toBe(0);
    expect(Math.abs(sum / n)).toBeLessThan(0.05);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.05);
  });

  it('valueNoise is continuous and within [0, 1]', () => {
    for (let x = 0; x < 50; x += 0.37) {
      const v = valueNoise(3, x, 1.5, 4);
      expect(v >= 0 && v <= 1).toBe(true);
      expect(Math.abs(valueNoise(3, x + 0.01, 1.5, 4) - v)).toBeLessThan(0.02);
    }
  });
});
