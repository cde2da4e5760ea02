import { defaultDisplay } from '../display';
import type { ImageRecord } from '../project';

/** A plain 8-bit PNG image record for tests and benchmarks that need many: `fields` set what matters to them. */
export function testImageRecord(fields: Pick<ImageRecord, 'id' | 'name' | 'width' | 'height' | 'order'> & Partial<ImageRecord>): ImageRecord {
  return {
    format: 'png',
    channels: 1,
    sourceBitDepth: 8,
    normalization: null,
    cellomics: null,
    thumbnail: { width: 1, height: 1, channels: 1, bitDepth: 8, data: new Uint8Array(1) },
    addedAt: 1,
    demo: false,
    display: defaultDisplay({ low: 0, high: 255 }),
    objectCount: 0,
    status: 'new',
    statusHistory: [],
    ...fields,
  };
}
