/** Generated projects for the bundle's tests: images with objects, submissions, issues and layers. */
import { testImageRecord } from '../../testing/imageRecord';
import type { AnnotationObject } from '../../objects';
import { createRng } from '../../random';
import type { BundleEntryImage } from '../write';
import type { StoredImage } from '../format';

export function generatedObject(random: () => number, id: string, z: number, author = 'ann', at = 1_700_000_000_000): AnnotationObject {
  const x = Math.floor(random() * 90), y = Math.floor(random() * 90);
  const w = 3 + random() * 6, h = 3 + random() * 6;
  return { id, version: 1 + Math.floor(random() * 3), rings: [[x, y, x + w, y, x + w, y + h, x + 0.5, y + h]], z, label: 'nucleus', createdAt: at, updatedAt: at + z, author };
}

/** An image of `objects` objects, with one submission, one issue with two comments and one layer. */
export function generatedImage(seed: number, objects = 20): StoredImage {
  const rng = createRng(seed);
  const random = () => rng.next();
  const id = `image-${seed}`;
  const record = testImageRecord({
    id,
    name: `generated_${seed}.png`,
    contentHash: seed.toString(16).padStart(64, '0'),
    width: 100,
    height: 100,
    order: seed,
    addedAt: 1_700_000_000_000,
    objectCount: objects,
    split: 'train',
    status: 'submitted',
    statusHistory: [
      { status: 'in progress', by: 'ann', role: 'annotator', at: 1_700_000_000_100 },
      { status: 'submitted', by: 'ann', role: 'annotator', at: 1_700_000_000_200 },
    ],
  });
  const list = Array.from({ length: objects }, (_, i) => generatedObject(random, `${id}-o${i}`, i + 1));
  return {
    record,
    objects: list,
    submissions: [{ imageId: id, submittedAt: 1_700_000_000_200, submittedBy: 'ann', objects: list.slice(0, 3) }],
    issues: [
      {
        id: `${id}-issue`,
        imageId: id,
        kind: 'wrong outline',
        x: 5,
        y: 6,
        objectId: list[0]?.id ?? null,
        status: 'open',
        comments: [
          { author: 'rev', at: 1_700_000_000_300, text: 'too wide' },
          { author: 'ann', at: 1_700_000_000_400, text: 'fixed?' },
        ],
        createdBy: 'rev',
        createdAt: 1_700_000_000_300,
      },
    ],
    layers: [{ imageId: id, id: `${id}-layer`, name: 'other.png', objects: [{ rings: [[0, 0, 4, 0, 4, 4]], z: 1 }], addedAt: 1_700_000_000_050 }],
    received: {},
  };
}

/** The image as the export hands it to the writer, with a small made-up file. */
export function entryOf(stored: StoredImage): BundleEntryImage {
  return { stored: stored as BundleEntryImage['stored'], source: { name: stored.record.name, kind: 'original', bytes: new TextEncoder().encode(`file of ${stored.record.name}`) } };
}
