import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getState, initialState, setState } from '../store/store';
import { undo, redo } from '../store/actions/annotations';
import { rebuildHitIndex } from '../store/actions/hitTest';
import { cancelDraft, drawPointerDown, drawPointerMove, drawPointerUp, finishDrawing, removeLastVertex, startDrawing } from './drawTool';
import { editPointerDown, editPointerMove, editPointerUp, nudgeSelection } from './editTool';
import type { PointerInput } from './input';

// Storage is IndexedDB in the browser (tested end to end there); here writes go nowhere.
vi.mock('../io/db', () => ({ saveObjectChanges: async () => {}, loadObjects: async () => [], saveStatus: async () => {}, saveIssues: async () => {} }));

const ZOOM = 2; // screen pixels per image pixel: grab radius 8 px on screen = 4 image pixels

function input(x: number, y: number, extra: Partial<PointerInput> = {}): PointerInput {
  return { x, y, button: 0, shift: false, alt: false, ctrl: false, zoom: ZOOM, ...extra };
}

function click(x: number, y: number, extra: Partial<PointerInput> = {}) {
  drawPointerDown(input(x, y, extra));
  drawPointerUp();
}

const objects = () => [...getState().objects.values()];

beforeEach(() => {
  // A fresh image id per test: undo histories are kept per image.
  const id = `img-${Math.random()}`;
  const image = { id, name: 'test.png', width: 100, height: 80, status: 'in progress', statusHistory: [] } as never;
  setState({ ...initialState, images: [image], currentId: id, objectsImageId: id, objects: new Map() });
  rebuildHitIndex([], 100, 80);
});

describe('draw tool', () => {
  it('adds a vertex per click and closes on Enter, staying ready for the next object', () => {
    startDrawing();
    click(10, 10);
    click(30, 10);
    click(30, 30);
    finishDrawing();
    expect(objects()).toHaveLength(1);
    expect(objects()[0].rings).toEqual([[10, 10, 30, 10, 30, 30]]);
    expect(getState().tool).toBe('draw');
    expect(getState().draft).toBeNull();
  });

  it('closes on a click near the first vertex, and not before three vertices', () => {
    startDrawing();
    click(10, 10);
    click(30, 10);
    click(11, 11); // near the first vertex, but only two vertices so far: just another vertex
    expect(objects()).toHaveLength(0);
    click(11.5, 10.5);
    expect(objects()).toHaveLength(1);
    expect(objects()[0].rings[0]).toEqual([10, 10, 30, 10, 11, 11]);
  });

  it('adds vertices while Shift-dragging, spaced by at least 4 screen pixels', () => {
    startDrawing();
    drawPointerDown(input(10, 10));
    for (let x = 10.5; x <= 20; x += 0.5) drawPointerMove(input(x, 10, { shift: true }));
    drawPointerMove(input(20, 20, { shift: false })); // Shift released: no vertex
    drawPointerUp();
    const vertices = getState().draft!.vertices;
    const xs = vertices.filter((_, i) => i % 2 === 0);
    expect(xs).toEqual([10, 12, 14, 16, 18, 20]);
  });

  it('removes the last vertex on right click or Backspace, and Esc drops the outline', () => {
    startDrawing();
    click(10, 10);
    click(20, 10);
    click(20, 20);
    drawPointerDown(input(50, 50, { button: 2 }));
    removeLastVertex();
    expect(getState().draft!.vertices).toEqual([10, 10]);
    cancelDraft();
    expect(getState().draft).toBeNull();
    expect(objects()).toHaveLength(0);
  });

  it('clips an outline to the image and keeps tiny polygons', () => {
    startDrawing();
    click(-10, 10);
    click(20, 10);
    click(20, 20);
    click(-10, 20);
    finishDrawing();
    expect(objects()[0].rings[0].filter((_, i) => i % 2 === 0).every((x) => x >= 0 && x <= 100)).toBe(true);
    click(50, 50);
    click(53, 50);
    click(50, 53);
    finishDrawing();
    expect(objects()).toHaveLength(2); // 4.5 px², smaller than CVAT's 9 px² minimum
  });

  it('does not close a zero-area outline', () => {
    startDrawing();
    click(10, 10);
    click(20, 10);
    click(30, 10);
    finishDrawing();
    expect(objects()).toHaveLength(0);
    expect(getState().draft).not.toBeNull();
  });
});

describe('edit tool', () => {
  function drawSquare() {
    startDrawing();
    click(10, 10);
    click(30, 10);
    click(30, 30);
    click(10, 30);
    finishDrawing();
    setState({ tool: 'select' });
    return objects()[0].id;
  }

  it('selects the object under the pointer and drags a vertex as one undo step', () => {
    const id = drawSquare();
    editPointerDown(input(20, 20));
    editPointerUp();
    expect(getState().selectedId).toBe(id);
    editPointerDown(input(30, 10));
    editPointerMove(input(35, 5));
    editPointerMove(input(40, 2));
    expect(getState().objects.get(id)!.rings[0]).toEqual([10, 10, 30, 10, 30, 30, 10, 30]); // live only as preview
    editPointerUp();
    expect(getState().objects.get(id)!.rings[0]).toEqual([10, 10, 40, 2, 30, 30, 10, 30]);
    undo();
    expect(getState().objects.get(id)!.rings[0]).toEqual([10, 10, 30, 10, 30, 30, 10, 30]);
    redo();
    expect(getState().objects.get(id)!.rings[0]).toEqual([10, 10, 40, 2, 30, 30, 10, 30]);
  });

  it('inserts a vertex from an edge midpoint and deletes one with Alt + click, never below 3', () => {
    const id = drawSquare();
    editPointerDown(input(20, 20));
    editPointerUp();
    editPointerDown(input(20, 10)); // midpoint of the top edge
    editPointerMove(input(20, 4));
    editPointerUp();
    expect(getState().objects.get(id)!.rings[0]).toEqual([10, 10, 20, 4, 30, 10, 30, 30, 10, 30]);
    for (const [x, y] of [[20, 4], [30, 10], [30, 30]]) editPointerDown(input(x, y, { alt: true }));
    expect(getState().objects.get(id)!.rings[0]).toEqual([10, 10, 30, 30, 10, 30]);
    editPointerDown(input(10, 10, { alt: true }));
    expect(getState().objects.get(id)!.rings[0]).toHaveLength(6);
  });

  it('moves the whole object when dragged, inside the image, and nudges by one pixel', () => {
    const id = drawSquare();
    editPointerDown(input(20, 20));
    editPointerMove(input(25, 22));
    editPointerMove(input(200, 22)); // far past the right edge: stops at the border
    editPointerUp();
    expect(getState().objects.get(id)!.rings[0]).toEqual([80, 12, 100, 12, 100, 32, 80, 32]);
    nudgeSelection(-1, 1);
    expect(getState().objects.get(id)!.rings[0]).toEqual([79, 13, 99, 13, 99, 33, 79, 33]);
  });

  it('redraws the shorter part of an outline between two vertices (Shift + click to start)', () => {
    const id = drawSquare();
    editPointerDown(input(20, 20));
    editPointerUp();
    editPointerDown(input(10, 10, { shift: true }));
    expect(getState().draft?.redraw?.from).toBe(0);
    click(15, 2);
    click(25, 2);
    click(30, 10); // vertex 1: the arc 0 -> 1 (no vertices between) is the shorter one
    expect(getState().objects.get(id)!.rings[0]).toEqual([10, 10, 15, 2, 25, 2, 30, 10, 30, 30, 10, 30]);
    expect(getState().tool).toBe('select');
  });

  it('does not edit a locked object', () => {
    const id = drawSquare();
    const before = getState().objects.get(id)!;
    setState({ objects: new Map([[id, { ...before, locked: true }]]) });
    editPointerDown(input(20, 20));
    editPointerMove(input(40, 40));
    editPointerUp();
    expect(getState().objects.get(id)!.rings).toEqual(before.rings);
  });
});

describe('review rules on editing', () => {
  it('refuses an annotator’s change to a submitted image and lets a reviewer correct it', () => {
    const image = { ...getState().images[0], status: 'submitted' as const };
    setState({ images: [image] });
    const drawTriangle = () => {
      startDrawing();
      for (const [x, y] of [[10, 10], [30, 10], [30, 30]]) click(x, y);
      finishDrawing();
    };
    drawTriangle();
    expect(objects()).toHaveLength(0);
    setState({ user: { name: 'Rev', role: 'reviewer' } });
    drawTriangle();
    expect(objects()).toHaveLength(1);
    expect(objects()[0].author).toBe('Rev');
    expect(getState().images[0].status).toBe('submitted');
  });
});
