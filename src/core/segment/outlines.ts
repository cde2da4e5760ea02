/** Detected objects as polygons the app and the mask export take: exact outlines (simplified by default). */
import type { TraceMode } from '../mask/importMask';
import { simplifyExact } from '../mask/simplify';
import { traceLabels } from '../mask/trace';
import type { Ring } from '../objects';
import type { Instances } from './labels';

export interface DetectedObject {
  /** Image-pixel rings; their even-odd fill gives back exactly the object's pixels. */
  rings: Ring[];
  /** 1..count, the object's label: the order objects are found in (raster order). */
  z: number;
  /** Pixels. */
  area: number;
  /** See Instances.confidence. */
  confidence: number;
}

/** One object per label, in label order. */
export function outlineInstances(instances: Instances, trace: TraceMode = 'simplified'): DetectedObject[] {
  const { width, height } = instances;
  const { rings } = traceLabels(instances.labels, width, height, instances.count);
  return rings.map((objectRings, i) => ({
    rings: trace === 'simplified' ? simplifyExact(objectRings, { width, height }) : objectRings,
    z: i + 1,
    area: instances.areas[i],
    confidence: instances.confidence[i],
  }));
}
