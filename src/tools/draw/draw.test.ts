import { beforeEach, describe, expect, it, vi } from 'vitest';
import { undo } from '../../store/actions/annotations';
import { getState, setState } from '../../store/store';
import { startDrawing } from '..';
import { startHarness, type Harness } from '../testing/harness';

// Storage is IndexedDB in the browser (tested end to end there); here writes go nowhere.
vi.mock('../../io/db', () => import('../../io/testing/noStorage'));

// Zoom 2: the grab radius of 8 screen pixels is 4 image pixels.
let t: Harness;
beforeEach(() => {
  t = startHarness();
});

function polygon(points: Array<[number, number]>): void {
  for (const [x, y] of points) t.click(x, y);
}

describe('draw.idle and draw.drawing', () => {
  it('adds a vertex per click and closes on Enter, staying ready for the next object', () => {
    startDrawing();
    t.expectState('draw.idle');
    t.click(10, 10);
    t.expectState('draw.drawing');
    polygon([[30, 10], [30, 30]]);
    expect(t.key('Enter')).toBe(true);
    t.expectState('draw.idle');
    expect(t.objects().map((object) => object.rings)).toEqual([[[10, 10, 30, 10, 30, 30]]]);
    expect(t.objects()[0].version).toBe(1);
    expect(getState().draft).toBeNull();
  });

  it('closes on a click near the first vertex, and not before three vertices', () => {
    startDrawing();
    polygon([[10, 10], [30, 10], [11, 11]]); // near the first vertex, but only two vertices so far: just another vertex
    expect(t.objects()).toHaveLength(0);
    t.click(11.5, 10.5);
    t.expectState('draw.idle');
    expect(t.objects()[0].rings[0]).toEqual([10, 10, 30, 10, 11, 11]);
  });

  it('closes on a double click', () => {
    startDrawing();
    polygon([[10, 10], [30, 10], [30, 30]]);
    t.doubleClick();
    expect(t.objects()).toHaveLength(1);
    t.expectState('draw.idle');
  });

  it('adds vertices while Shift-dragging, spaced by at least 4 screen pixels', () => {
    startDrawing();
    t.press(10, 10);
    for (let x = 10.5; x <= 20; x += 0.5) t.move(x, 10, { shift: true });
    t.move(20, 20); // Shift released: no vertex
    t.release();
    t.move(25, 25, { shift: true }); // button up: no vertex
    const xs = getState().draft!.vertices.filter((_, i) => i % 2 === 0);
    expect(xs).toEqual([10, 12, 14, 16, 18, 20]);
  });

  it('removes the last vertex on right click or Backspace, back to draw.idle when none is left', () => {
    startDrawing();
    polygon([[10, 10], [20, 10], [20, 20]]);
    t.press(50, 50, { button: 2 });
    expect(t.key('Backspace')).toBe(true);
    expect(getState().draft!.vertices).toEqual([10, 10]);
    t.key('Backspace');
    t.expectState('draw.idle');
    expect(getState().draft).toBeNull();
  });

  it('drops the outline on Esc, then leaves drawing on a second Esc', () => {
    startDrawing();
    polygon([[10, 10], [20, 10], [20, 20]]);
    t.escape();
    t.expectState('draw.idle');
    expect(getState().draft).toBeNull();
    expect(t.objects()).toHaveLength(0);
    t.escape();
    t.expectState('select.idle');
  });

  it('clips an outline to the image and keeps tiny polygons', () => {
    startDrawing();
    polygon([[-10, 10], [20, 10], [20, 20], [-10, 20]]);
    t.key('Enter');
    expect(t.objects()[0].rings[0].filter((_, i) => i % 2 === 0).every((x) => x >= 0 && x <= 100)).toBe(true);
    polygon([[50, 50], [53, 50], [50, 53]]);
    t.key('Enter');
    expect(t.objects()).toHaveLength(2); // 4.5 px², smaller than CVAT's 9 px² minimum
  });

  it('drops an outline that cannot become an object and says why, so it never joins the next one', () => {
    startDrawing();
    polygon([[10, 10], [20, 10], [30, 10]]);
    t.key('Enter');
    expect(t.objects()).toHaveLength(0);
    t.expectState('draw.idle');
    expect(getState().notices.at(-1)?.text).toBe('Outline not added: it encloses no area.');
    polygon([[10.1, 10.1], [10.4, 10.1], [10.2, 10.4]]); // inside one pixel, its centre outside
    t.key('Enter');
    expect(getState().notices.at(-1)?.text).toMatch(/^Outline not added: it covers no pixel centre/);
    polygon([[40, 40], [60, 40], [60, 60]]);
    t.key('Enter');
    expect(t.objects().map((object) => object.rings[0])).toEqual([[40, 40, 60, 40, 60, 60]]);
  });

  it('does not close a small outline by a click near its first vertex (a micronucleus at 1:1), but on N', () => {
    t = startHarness({ zoom: 1 });
    startDrawing();
    // A 6-px micronucleus: every click is within the 8-px grab radius of the first vertex.
    const ring: Array<[number, number]> = [[20, 18], [23, 19], [24, 22], [22, 24], [19, 23], [18, 20]];
    polygon(ring);
    t.expectState('draw.drawing');
    expect(getState().draft!.vertices).toHaveLength(12);
    startDrawing(); // N closes, as in CVAT
    t.expectState('draw.idle');
    expect(t.objects().map((object) => object.rings[0])).toEqual([ring.flat()]);
  });

  it('closes a large outline by a click on its first vertex', () => {
    t = startHarness({ zoom: 1 });
    startDrawing();
    polygon([[10, 10], [50, 10], [50, 50], [12, 12]]);
    expect(t.objects()).toHaveLength(1);
  });

  it('resumes an outline left unfinished on the image when its objects load again', () => {
    setState({ objectsImageId: null });
    setState({ objectsImageId: getState().currentId, draft: { vertices: [10, 10, 20, 10] } });
    t.expectState('draw.drawing');
    t.click(20, 20);
    t.key('Enter');
    expect(t.objects().map((object) => object.rings[0])).toEqual([[10, 10, 20, 10, 20, 20]]);
  });

  it('does not take undo while an outline is being drawn', () => {
    startDrawing();
    polygon([[10, 10], [30, 10], [30, 30]]);
    t.key('Enter');
    t.click(50, 50);
    undo();
    expect(t.objects()).toHaveLength(1);
  });

  it('leaves drawing for the same mode on another image, dropping the outline', () => {
    startDrawing();
    polygon([[10, 10], [20, 10]]);
    setState({ currentId: 'another image' });
    t.expectState('draw.idle');
    expect(getState().draft).toBeNull();
  });
});

describe('draw.redrawing', () => {
  function selectedSquare(): string {
    startDrawing();
    polygon([[10, 10], [30, 10], [30, 30], [10, 30]]);
    t.key('Enter');
    t.escape();
    return t.objects()[0].id;
  }

  it('redraws the shorter part of an outline between two vertices (Shift + click to start)', () => {
    const id = selectedSquare();
    t.press(10, 10, { shift: true });
    t.expectState('draw.redrawing');
    expect(getState().draft!.vertices).toEqual([10, 10]);
    t.release();
    t.click(15, 2);
    t.click(25, 2);
    t.click(30, 10); // vertex 1: the arc 0 -> 1 (no vertices between) is the shorter one
    t.expectState('select.idle');
    expect(t.object(id).rings[0]).toEqual([10, 10, 15, 2, 25, 2, 30, 10, 30, 30, 10, 30]);
    expect(getState().selectedId).toBe(id);
  });

  it('keeps its starting vertex on Backspace and right click, and gives up on Esc', () => {
    const id = selectedSquare();
    t.click(10, 10, { shift: true });
    t.click(15, 2);
    t.key('Backspace');
    t.press(0, 0, { button: 2 });
    expect(getState().draft!.vertices).toEqual([10, 10]);
    expect(t.key('Enter')).toBe(false); // a redraw is finished on a vertex, not with Enter
    t.escape();
    t.expectState('select.idle');
    expect(t.object(id).rings[0]).toEqual([10, 10, 30, 10, 30, 30, 10, 30]);
  });
});

describe('the review lock on drawing', () => {
  it('refuses an annotator’s outline on a submitted image up front and lets a reviewer draw', () => {
    t = startHarness({ status: 'submitted' });
    startDrawing();
    t.expectState('select.idle');
    expect(getState().notices.at(-1)?.text).toMatch(/only a reviewer can change it/);
    setState({ user: { name: 'Rev', role: 'reviewer' } });
    startDrawing();
    polygon([[10, 10], [30, 10], [30, 30]]);
    t.key('Enter');
    expect(t.objects()).toHaveLength(1);
    expect(t.objects()[0].author).toBe('Rev');
    expect(getState().images[0].status).toBe('submitted');
  });

  it('refuses the first click of an outline when the image was locked while in drawing mode', () => {
    startDrawing();
    setState({ images: [{ ...getState().images[0], status: 'approved' }] });
    t.click(10, 10);
    t.expectState('draw.idle');
    expect(getState().draft).toBeNull();
    expect(getState().notices.at(-1)?.text).toMatch(/is approved: only a reviewer/);
  });
});
