/** Requests to the intake worker; it answers with the prepared images (PreparedImage[]). */
export type IntakeRequest = { requestId: number; kind: 'file'; file: File } | { requestId: number; kind: 'demo' };
