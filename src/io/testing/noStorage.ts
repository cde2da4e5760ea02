/**
 * Stands in for io/db.ts in unit tests that run store actions in Node, where there is no
 * IndexedDB (storage is tested end to end in the browser): every write succeeds and goes
 * nowhere, every read finds nothing. Use: vi.mock('<path>/io/db', () => import('<path>/io/testing/noStorage')).
 */
import type * as Db from '../db';

const none = async () => undefined;
const nothing = async () => [];

export const database = (() => {
  throw new Error('no IndexedDB in unit tests');
}) as unknown as typeof Db.database;
export const loadImageRecords: typeof Db.loadImageRecords = nothing;
export const addImage: typeof Db.addImage = none;
export const loadPixels: typeof Db.loadPixels = none;
export const updateImageRecord: typeof Db.updateImageRecord = none;
export const deleteImages: typeof Db.deleteImages = none;
export const loadObjects: typeof Db.loadObjects = nothing;
export const saveObjectChanges: typeof Db.saveObjectChanges = async (_imageId, writes) => ({
  written: writes,
  conflicts: [],
  objectCount: writes.filter((write) => write.after).length,
});
export const loadObject: typeof Db.loadObject = async () => null;
export const readMetaWithPrefix: typeof Db.readMetaWithPrefix = nothing;
export const readMeta: typeof Db.readMeta = none;
export const writeMeta: typeof Db.writeMeta = none;
export const deleteMeta: typeof Db.deleteMeta = none;
export const loadImageRecord: typeof Db.loadImageRecord = none;
export const loadSource: typeof Db.loadSource = none;
export const saveStatus: typeof Db.saveStatus = none;
export const loadSnapshots: typeof Db.loadSnapshots = nothing;
export const saveSnapshot: typeof Db.saveSnapshot = none;
export const loadIssues: typeof Db.loadIssues = nothing;
export const saveIssues: typeof Db.saveIssues = none;
export const loadLayers: typeof Db.loadLayers = nothing;
export const saveLayer: typeof Db.saveLayer = none;
export const deleteLayer: typeof Db.deleteLayer = none;
export const loadProposals: typeof Db.loadProposals = nothing;
export const replaceProposals: typeof Db.replaceProposals = none;
export const deleteProposals: typeof Db.deleteProposals = none;
