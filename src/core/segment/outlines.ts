/** Detected objects as polygons the app and the mask export take (traceLabels: exact outlines). */
import type { Ring } from '../objects';
import { traceLabels } from '../mask/trace';
import type { Instances } from './labels';

export interface DetectedObject {
  /** Image-pixel rings along pixel edges; even-odd fill gives back exactly the object's pixels. */
  rings: Ring[];
  /** 1..count, the object's label: the order objects are found in (raster order). */
  z: number;
  /** Pixels. */
  area: number;
  /** See Instances.confidence. */
  confidence: number;
}

/** One object per label, in label order. */
export function outlineInstances(instances: Instances): DetectedObject[] {
  const { rings } = traceLabels(instances.labels, instances.width, instances.height, instances.count);
  return rings.map((objectRings, i) => ({ rings: objectRings, z: i + 1, area: instances.areas[i], confidence: instances.confidence[i] }));
}
