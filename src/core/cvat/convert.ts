/**
 * Between CVAT polygons and this app's objects (see cvatXml.ts for the file format).
 * Objects carry no ids, authors or times here: those are the app's to assign.
 */
import { NUCLEUS_LABEL, type Ring } from '../objects';
import { fileNameOf } from '../paths';
import type { CvatImage, CvatPolygon } from './cvatXml';

/** An object as CVAT gives it: geometry, stacking and what to keep of CVAT's extra fields. */
export interface CvatObject {
  rings: Ring[];
  /** 1..N, bottom to top. */
  z: number;
  /** Always NUCLEUS_LABEL: this app annotates one class. */
  label: string;
  /** CVAT's label when it was not "nucleus", and the shape's attributes, in words. */
  note?: string;
}

/**
 * The objects of one CVAT image. Polygons sharing a non-zero group_id become one object with
 * several rings. Stacking follows CVAT's: ascending z_order, then document order (a group
 * sits where its first polygon sits); z is renumbered 1..N.
 */
export function objectsFromCvatImage(image: CvatImage): CvatObject[] {
  const order = image.polygons.map((_, i) => i).sort((a, b) => image.polygons[a].z - image.polygons[b].z || a - b);
  const objects: Array<{ first: CvatPolygon; rings: Ring[] }> = [];
  const byGroup = new Map<number, { first: CvatPolygon; rings: Ring[] }>();
  for (const index of order) {
    const polygon = image.polygons[index];
    const grouped = polygon.group ? byGroup.get(polygon.group) : undefined;
    if (grouped) {
      grouped.rings.push(polygon.points);
      continue;
    }
    const object = { first: polygon, rings: [polygon.points] };
    objects.push(object);
    if (polygon.group) byGroup.set(polygon.group, object);
  }
  return objects.map(({ first, rings }, i) => {
    const notes = first.label === NUCLEUS_LABEL ? [] : [`CVAT label: ${first.label || '(none)'}`];
    for (const [name, value] of Object.entries(first.attributes)) notes.push(`${name}: ${value}`);
    const object: CvatObject = { rings, z: i + 1, label: NUCLEUS_LABEL };
    if (notes.length > 0) object.note = notes.join('; ');
    return object;
  });
}

/**
 * A CVAT image for `objects` (any order; written bottom to top with z_order 1..N). An object
 * with several rings becomes polygons sharing a group_id (1, 2, … within the image).
 */
export function cvatImageFromObjects(
  image: { id: number; name: string; width: number; height: number; subset?: string },
  objects: ReadonlyArray<{ rings: readonly Ring[]; z: number; label?: string }>,
): CvatImage {
  const sorted = [...objects].sort((a, b) => a.z - b.z);
  const polygons: CvatPolygon[] = [];
  let groups = 0;
  sorted.forEach((object, i) => {
    const group = object.rings.length > 1 ? ++groups : 0;
    for (const ring of object.rings) {
      polygons.push({ label: object.label ?? NUCLEUS_LABEL, points: [...ring], z: i + 1, occluded: false, source: 'manual', group, attributes: {} });
    }
  });
  return { ...image, polygons };
}

/**
 * The project image a CVAT image name refers to: the exact name, else the one image with the
 * same file name once folders are dropped ("train/a.png" matches "a.png"); null when none or
 * ambiguous.
 */
export function matchImageName(cvatName: string, projectNames: readonly string[]): string | null {
  if (projectNames.includes(cvatName)) return cvatName;
  const matches = projectNames.filter((name) => fileNameOf(name) === fileNameOf(cvatName));
  return matches.length === 1 ? matches[0] : null;
}
