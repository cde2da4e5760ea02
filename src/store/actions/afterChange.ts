/**
 * What follows every change to an image's objects, in order. Adding a consequence of changes
 * (a derived index, a sync queue) is one handler in its own module plus one line in the list.
 */
import type { Change } from '../../core/history';
import type { AnnotationObject } from '../../core/objects';
import { keepObjectCount } from './objectCount';
import { queueForSaving } from './autosave';
import { keepHitIndex } from './hitTest';
import { followIssueAnchors } from './review';
import { keepComparison } from './comparison';

export type ChangeSource = 'user' | 'import' | 'model' | 'remote';

/** A change as applied: versions stamped; `open` when the image is the one on screen. */
export interface AppliedChanges {
  imageId: string;
  source: ChangeSource;
  changes: Change<AnnotationObject>[];
  open: boolean;
}

export const AFTER_OBJECT_CHANGES: Array<(applied: AppliedChanges) => void> = [
  keepHitIndex,
  keepObjectCount,
  queueForSaving,
  followIssueAnchors,
  keepComparison,
  // Benchmarks measure from here to the next paint and to the write.
  () => performance.mark('objects-changed'),
];
