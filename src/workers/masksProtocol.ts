import type { ColorScheme } from '../core/colors';
import type { MaskFormat } from '../core/mask/exportMask';
import type { Shape } from '../core/mask/rasterize';

/** Requests to the masks worker (mask import and export, kept masks, the project ZIP). */
export type MasksRequest =
  | { requestId: number; kind: 'import-mask'; fileName: string; bytes: Uint8Array; expected: { width: number; height: number } }
  | { requestId: number; kind: 'export-mask'; format: MaskFormat; scheme: ColorScheme; imageName: string; width: number; height: number; shapes: Shape[] }
  | { requestId: number; kind: 'refresh-mask'; imageId: string }
  | { requestId: number; kind: 'corrections' }
  | { requestId: number; kind: 'project-zip'; format: MaskFormat; scheme: ColorScheme; includeImages: boolean; onlyApproved: boolean };

/** Progress of a project ZIP: archive bytes as they are made, and images done. */
export type ZipProgress = { chunk: Uint8Array } | { done: number; total: number; current: string };

/** Per image, the corrections since its last submission (null: never submitted). */
export type Corrections = Record<string, { added: number; removed: number; reshaped: number; pixelShare: number } | null>;
