import { renderRgba } from '../core/display';
import { tileRect, type Pyramid, type TileSamples } from '../core/tiles';

/** Tiles kept (samples and their rendered canvas): ~1.25 MB each for 8-bit grey, about 4 screens' worth. */
const CAPACITY = 96;

interface Entry {
  data: TileSamples;
  /** Rendered with the current lookup table; null once the table changed (rendered again when next drawn). */
  canvas: HTMLCanvasElement | null;
  used: number;
}

/**
 * The tiles of one tiled image read so far, least recently drawn dropped past CAPACITY (the
 * overview tile never: it is what is drawn where nothing finer is loaded yet). Tiles are read
 * on request, rendered through the display's lookup table when first drawn.
 */
export class TileCache {
  private readonly entries = new Map<string, Entry>();
  private readonly reading = new Set<string>();
  private lut: Uint8Array;
  private clock = 0;
  private disposed = false;
  readonly top: number;

  constructor(
    readonly pyramid: Pyramid,
    private readonly read: (level: number, index: number) => Promise<TileSamples | undefined>,
    private readonly onLoaded: () => void,
    lut: Uint8Array,
  ) {
    this.lut = lut;
    this.top = pyramid.levels.length - 1;
  }

  /** A new lookup table (display settings changed): every tile is rendered again as it is drawn. */
  setLut(lut: Uint8Array): void {
    this.lut = lut;
    for (const entry of this.entries.values()) entry.canvas = null;
  }

  /** True when the tile is read and rendered: it can be drawn at once. */
  ready(level: number, index: number): boolean {
    return !!this.entries.get(`${level}:${index}`)?.canvas;
  }

  /**
   * The tile rendered, or null while it is not loaded (asked for by `request`) or not rendered
   * yet and `mayRender` is false: rendering costs ~1 ms per tile, so a draw renders only what its
   * time budget allows and leaves the rest for the next frame (`deferred` says so).
   */
  canvas(level: number, index: number, mayRender: boolean): HTMLCanvasElement | null {
    const entry = this.entries.get(`${level}:${index}`);
    if (!entry) return null;
    entry.used = ++this.clock;
    if (!entry.canvas && !mayRender) {
      this.deferred = true;
      return null;
    }
    entry.canvas ??= this.render(level, index, entry.data);
    return entry.canvas;
  }

  /** Set when a draw left loaded tiles unrendered; the drawer clears it and draws again next frame. */
  deferred = false;

  /** Starts reading a tile unless it is loaded or on its way; `onLoaded` runs when it arrives. */
  request(level: number, index: number): void {
    const key = `${level}:${index}`;
    if (this.entries.has(key) || this.reading.has(key)) return;
    this.reading.add(key);
    void this.read(level, index)
      .then((data) => {
        this.reading.delete(key);
        if (!data || this.disposed) return;
        this.entries.set(key, { data, canvas: null, used: ++this.clock });
        this.evict();
        this.onLoaded();
      })
      .catch(() => this.reading.delete(key)); // asked for again on the next draw
  }

  dispose(): void {
    this.disposed = true;
    this.entries.clear();
  }

  private evict(): void {
    if (this.entries.size <= CAPACITY) return;
    const overview = `${this.top}:0`;
    const oldest = [...this.entries].filter(([key]) => key !== overview).sort((a, b) => a[1].used - b[1].used);
    for (const [key] of oldest.slice(0, this.entries.size - CAPACITY)) this.entries.delete(key);
  }

  private render(level: number, index: number, data: TileSamples): HTMLCanvasElement {
    const { width, height } = tileRect(this.pyramid, level, index);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const image = new ImageData(width, height);
    const { channels, bitDepth } = this.pyramid;
    renderRgba({ width, height, channels, bitDepth, data } as Parameters<typeof renderRgba>[0], this.lut, image.data);
    canvas.getContext('2d')!.putImageData(image, 0, 0);
    return canvas;
  }
}
