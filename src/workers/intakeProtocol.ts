import type { PreparedImage } from '../core/intake';

/** Messages between the app and the intake worker. */
export type IntakeRequest =
  | { requestId: number; kind: 'file'; file: File }
  | { requestId: number; kind: 'demo' };

export type IntakeResponse =
  | { requestId: number; ok: true; images: PreparedImage[] }
  | { requestId: number; ok: false; message: string };
