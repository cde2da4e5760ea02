import { beforeEach, describe, expect, it, vi } from 'vitest';
import { objectStats } from '../../core/objectStats';
import { rasterizeShapes } from '../../core/mask/rasterize';
import type { Ring } from '../../core/objects';
import { redo, undo } from '../../store/actions/annotations';
import { cutSelection, growBrush, growSelection, mergeSelection, setBrushRadius, shrinkSelection, splitSelectionPieces } from '../../store/actions/corrections';
import { selectAll } from '../../store/actions/objectCommands';
import { getState } from '../../store/store';
import { startBrush, startCut, startDrawing } from '..';
import { startHarness, type Harness } from '../testing/harness';

vi.mock('../../io/db', () => import('../../io/testing/noStorage'));

let t: Harness;
beforeEach(() => {
  t = startHarness({ width: 100, height: 80, zoom: 2 });
});

function square(x: number, y: number, size: number): string {
  startDrawing();
  for (const [px, py] of [[x, y], [x + size, y], [x + size, y + size], [x, y + size]]) t.click(px, py);
  t.key('Enter');
  t.escape();
  return getState().selectedId!;
}

const area = (rings: readonly Ring[]) => rasterizeShapes([{ rings, z: 1 }], 100, 80).report.pixelCounts[0];

describe('brush and eraser', () => {
  it('paint a new object from nothing, then into the selected one; one stroke is one undo step', () => {
    setBrushRadius(3);
    startBrush(false);
    t.expectState('brush.idle');
    t.drag([[20, 20], [30, 20], [40, 20]]);
    t.expectState('brush.idle');
    expect(t.objects()).toHaveLength(1);
    const id = t.objects()[0].id;
    const painted = area(t.object(id).rings);
    expect(painted).toBeGreaterThan(2 * 3 * 20); // a 6 px wide, 26 px long stroke
    t.drag([[40, 20], [40, 35]]); // into the selected object
    expect(t.objects()).toHaveLength(1);
    expect(area(t.object(id).rings)).toBeGreaterThan(painted);
    undo();
    expect(area(t.object(id).rings)).toBe(painted);
    redo();
    expect(area(t.object(id).rings)).toBeGreaterThan(painted);
  });

  it('erases with the eraser or with Shift held; cut in two, the object keeps both pieces, flagged, and Shift+S splits them', () => {
    const id = square(10, 10, 30);
    setBrushRadius(2);
    startBrush(true);
    t.drag([[25, 0], [25, 50]]);
    const cut = t.object(id);
    expect(objectStats(cut).pieces).toBe(2);
    splitSelectionPieces();
    expect(t.objects()).toHaveLength(2);
    expect(t.objects().every((object) => objectStats(object).pieces === 1)).toBe(true);
    undo();
    expect(t.objects()).toHaveLength(1);
    startBrush(false);
    t.drag([[15, 15], [20, 15]], { shift: true }); // Shift + drag with the brush erases too
    expect(area(t.object(id).rings)).toBeLessThan(area(cut.rings));
  });

  it('sizes the brush with [ and ] within its limits, and clips strokes to the image', () => {
    setBrushRadius(2);
    growBrush();
    expect(getState().brush.radius).toBe(2.5);
    startBrush(false);
    t.drag([[-10, -10], [5, 5]]);
    expect(t.objects()[0].rings.flat().every((v) => v >= 0)).toBe(true);
  });
});

describe('merge, cut, grow, shrink and the selection', () => {
  it('selects with Shift + click and a box, merges the selection as one step', () => {
    const a = square(10, 10, 10), b = square(18, 12, 10), c = square(60, 50, 10);
    t.click(15, 15);
    t.click(25, 18, { shift: true });
    expect(getState().selectedIds).toEqual([a, b]);
    mergeSelection();
    expect(t.objects().map((object) => object.id).sort()).toEqual([b, c].sort());
    undo();
    expect(t.objects()).toHaveLength(3);
    t.escape();
    t.drag([[5, 5], [40, 40]]); // a box round a and b
    t.expectState('select.idle');
    expect(getState().selectedIds.sort()).toEqual([a, b].sort());
  });

  it('moves and deletes several selected objects together', () => {
    square(10, 10, 10);
    square(40, 10, 10);
    selectAll();
    t.drag([[15, 15], [25, 25]]);
    expect(t.objects().map((object) => object.rings[0].slice(0, 2))).toEqual([[20, 20], [50, 20]]);
    t.key('ArrowLeft');
    expect(t.objects().map((object) => object.rings[0][0])).toEqual([19, 49]);
    undo();
    undo();
    expect(t.objects().map((object) => object.rings[0][0])).toEqual([10, 40]);
  });

  it('cuts the selected object along a line drawn across it (S, clicks, Enter)', () => {
    const id = square(10, 10, 30);
    t.click(20, 20);
    startCut();
    t.expectState('cut.drawing');
    t.click(25, 5);
    t.click(26, 45);
    t.key('Enter');
    t.expectState('select.idle');
    expect(t.objects()).toHaveLength(2);
    expect(t.objects().reduce((sum, object) => sum + area(object.rings), 0)).toBe(900);
    expect(getState().selectedIds).toHaveLength(2);
    undo();
    expect(t.objects().map((object) => object.id)).toEqual([id]);
    cutSelection([0, 0, 1, 1]); // not across it: nothing happens, and it says why
    expect(getState().notices.at(-1)?.text).toMatch(/does not cut the object in two/);
  });

  it('grows and shrinks the selected objects by one pixel', () => {
    const id = square(10, 10, 10);
    t.click(15, 15);
    growSelection();
    expect(area(t.object(id).rings)).toBe(140);
    shrinkSelection();
    shrinkSelection();
    expect(area(t.object(id).rings)).toBe(8 * 8); // the first shrink gives back the square, the second takes its edge
  });
});
