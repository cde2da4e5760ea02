/**
 * Bundle versions, and how an older one is brought up to the current form. Each migration
 * takes one image as its version holds it to the next version's form; reading applies them in
 * order, so every old bundle is read through the same steps. Released entries are never edited.
 *
 * 0 — the project ZIP export (`<split or all>/<name>_objects.png` or another per-image mask
 *     format, optionally the image beside it, and `review.json`: per image its status, status
 *     history, issues and submissions). No manifest; objects only as pixels.
 * 1 — manifest.json; per image image.json (record, objects with ids and versions, submissions,
 *     issues, reference layers) and the original file (format.ts).
 */
import { newId } from '../ids';
import type { InterchangeObject } from '../interchange/types';
import { byZ, NUCLEUS_LABEL } from '../objects';
import type { BundleImage } from './format';

/** One image of a version-0 archive: its traced mask and its review.json entry, if any. */
export interface ProjectZipImage {
  name: string;
  split?: string;
  /** The mask's size, which is the image's. */
  width: number;
  height: number;
  objects: readonly InterchangeObject[];
  review: Pick<BundleImage['record'], 'status' | 'statusHistory'> & Pick<BundleImage, 'issues' | 'submissions'> | null;
  /** When the archive was made (its objects' creation time) and by whom (their author). */
  madeAt: number;
  madeBy: string;
}

export interface BundleMigration {
  from: number;
  to: number;
  migrate(image: ProjectZipImage): BundleImage;
}

export const BUNDLE_MIGRATIONS: readonly BundleMigration[] = [
  {
    from: 0,
    to: 1,
    // Objects traced from the mask become new objects (version 1) in stacking order, as an
    // import of the mask makes them; the review's issues and submissions keep their ids and times.
    migrate: ({ name, split, width, height, objects, review, madeAt, madeBy }) => ({
      record: { name, width, height, ...(split ? { split } : {}), status: review?.status ?? (objects.length ? 'in progress' : 'new'), statusHistory: review?.statusHistory ?? [] },
      objects: byZ(objects).map((shape, i) => ({
        id: newId(),
        version: 1,
        rings: shape.rings.map((ring) => [...ring]),
        z: i + 1,
        label: NUCLEUS_LABEL,
        ...(shape.note ? { note: shape.note } : {}),
        createdAt: madeAt,
        updatedAt: madeAt,
        author: madeBy,
      })),
      submissions: review?.submissions ?? [],
      issues: review?.issues ?? [],
      layers: [],
      received: {},
    }),
  },
];
