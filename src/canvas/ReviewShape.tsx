import type Konva from 'konva';
import { useCallback, useMemo } from 'react';
import { Shape } from 'react-konva';
import { compareObjects } from '../core/review/changes';
import { anchorIssues, labelPoint } from '../core/review/issues';
import { byZ } from '../core/objects';
import { useAppStore } from '../store/store';
import { PIN_RADIUS_PX, pinCentre } from '../core/review/pins';
import { traceRings } from './drawObjects';

const ADDED = '#3fdc6a';
const REMOVED = '#ff4d4d';
const RESHAPED = '#ffa31a';


/**
 * Review marks over the objects: the changes since the last submission (added green, removed
 * red dashed where they were, reshaped orange), object numbers, and issue pins (red open, grey
 * resolved, a cross when the issue's object was deleted).
 */
export function ReviewShape() {
  const objects = useAppStore((state) => state.objects);
  const issues = useAppStore((state) => state.issues);
  const snapshot = useAppStore((state) => state.snapshot);
  const showChanges = useAppStore((state) => state.showChanges);
  const showNumbers = useAppStore((state) => state.showNumbers);
  const zoom = useAppStore((state) => state.view.zoom);
  const changes = useMemo(() => (showChanges && snapshot ? compareObjects(snapshot.objects, [...objects.values()]) : null), [showChanges, snapshot, objects]);
  const pins = useMemo(() => anchorIssues(issues, objects), [issues, objects]);
  const numbers = useMemo(() => (showNumbers ? byZ([...objects.values()]).map((object, i) => ({ n: i + 1, ...labelPoint(object.rings) })) : []), [showNumbers, objects]);

  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      const ctx = context._context;
      if (changes && snapshot) {
        const before = new Map(snapshot.objects.map((object) => [object.id, object]));
        const groups: Array<[string[], string, boolean]> = [
          [changes.added, ADDED, false],
          [changes.reshaped, RESHAPED, false],
          [changes.removed, REMOVED, true],
        ];
        ctx.lineWidth = 3 / zoom;
        for (const [ids, color, gone] of groups) {
          ctx.beginPath();
          for (const id of ids) traceRings(ctx, (gone ? before.get(id) : objects.get(id))?.rings ?? []);
          ctx.setLineDash(gone ? [6 / zoom, 4 / zoom] : []);
          ctx.strokeStyle = color;
          ctx.stroke();
        }
        ctx.setLineDash([]);
      }
      if (numbers.length) {
        ctx.font = `${12 / zoom}px system-ui, sans-serif`;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.lineWidth = 3 / zoom;
        ctx.strokeStyle = '#000';
        ctx.fillStyle = '#fff';
        for (const { n, x, y } of numbers) {
          ctx.strokeText(String(n), x, y);
          ctx.fillText(String(n), x, y);
        }
      }
      const radius = PIN_RADIUS_PX / zoom;
      for (const { issue, x: anchorX, y: anchorY, objectDeleted } of pins) {
        const { x, y } = pinCentre(anchorX, anchorY, zoom);
        ctx.beginPath();
        ctx.moveTo(anchorX, anchorY);
        ctx.lineTo(x, y);
        ctx.lineWidth = 1.5 / zoom;
        ctx.strokeStyle = '#fff';
        ctx.stroke();
        ctx.beginPath();
        ctx.arc(x, y, radius, 0, 2 * Math.PI);
        ctx.fillStyle = issue.status === 'open' ? '#e5534b' : '#8d97a8';
        ctx.fill();
        ctx.lineWidth = 2 / zoom;
        ctx.strokeStyle = '#fff';
        ctx.stroke();
        ctx.fillStyle = '#fff';
        ctx.font = `bold ${12 / zoom}px system-ui, sans-serif`;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText(objectDeleted ? '×' : '!', x, y + 0.5 / zoom);
      }
    },
    [changes, snapshot, objects, numbers, pins, zoom],
  );

  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
}
