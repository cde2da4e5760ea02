/**
 * Checks of what a bundle's JSON claims, before any of it is used: a bundle comes from another
 * machine and may be damaged or hostile. Each check names the entry and the field that is wrong;
 * the caller adds the bundle's file name (FileFormatError).
 */
import { ISSUE_KINDS } from '../review/issues';
import { STATUSES } from '../review/status';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleImage, type BundleManifest } from './format';

/** How much a bundle may claim; each is checked before the thing is read. */
export const BUNDLE_LIMITS = {
  images: 100_000,
  objectsPerImage: 1_000_000,
  /** Vertices (x, y pairs) of all objects of one image, submissions and layers included. */
  verticesPerImage: 50_000_000,
  issuesPerImage: 100_000,
  commentsPerIssue: 10_000,
  submissionsPerImage: 10_000,
  layersPerImage: 1_000,
  statusChangesPerImage: 100_000,
  /** Other browsers a bundle image names in `received`. */
  browsersPerImage: 1_000,
  manifestBytes: 64 * 2 ** 20,
  imageJsonBytes: 512 * 2 ** 20,
  /** An image file: the intake refuses pixels above 256 MB anyway. */
  sourceBytes: 1024 * 2 ** 20,
} as const;

export class BundleError extends Error {}

type Json = unknown;
const fail = (where: string, what: string): never => {
  throw new BundleError(`${where} ${what}`);
};
const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const record = (value: Json, where: string) => (isObject(value) ? value : fail(where, 'is not an object'));
const string = (value: Json, where: string) => (typeof value === 'string' ? value : fail(where, 'is not text'));
const finite = (value: Json, where: string) => (typeof value === 'number' && Number.isFinite(value) ? value : fail(where, 'is not a number'));
const count = (value: Json, where: string) => (Number.isInteger(value) && (value as number) >= 0 ? (value as number) : fail(where, 'is not a whole number ≥ 0'));
const oneOf = <T extends string | number>(value: Json, allowed: readonly T[], where: string): T => (allowed.includes(value as T) ? (value as T) : fail(where, `is not one of ${allowed.join(', ')}`));
function list(value: Json, where: string, most: number): Json[] {
  if (!Array.isArray(value)) return fail(where, 'is not a list');
  if (value.length > most) fail(where, `has ${value.length} entries, more than the ${most} allowed`);
  return value;
}

/** Parses JSON text; bad JSON is a BundleError naming the entry. */
export function parseJson(bytes: Uint8Array, where: string): Json {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return fail(where, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The manifest, checked: format, a version this app reads, and every image's entry paths. */
export function checkManifest(json: Json): BundleManifest {
  const where = 'manifest.json:';
  const manifest = record(json, 'manifest.json');
  if (manifest.format !== BUNDLE_FORMAT) fail(where, `format is ${JSON.stringify(manifest.format)}, not "${BUNDLE_FORMAT}"`);
  const version = count(manifest.version, `${where} version`);
  if (version > BUNDLE_VERSION) fail(where, `version ${version} was written by a newer version of the app (this one reads bundles up to version ${BUNDLE_VERSION})`);
  if (version < 1) fail(where, `version ${version} has no manifest; it is read as a project ZIP`);
  const images = list(manifest.images, `${where} images`, BUNDLE_LIMITS.images).map((value, i) => {
    const at = `${where} images[${i}]`;
    const image = record(value, at);
    const source = image.source === null ? null : record(image.source, `${at}.source`);
    return {
      data: string(image.data, `${at}.data`),
      name: string(image.name, `${at}.name`),
      contentHash: string(image.contentHash, `${at}.contentHash`),
      source: source && {
        path: string(source.path, `${at}.source.path`),
        kind: oneOf(source.kind, ['original', 'pixels-png'] as const, `${at}.source.kind`),
        name: string(source.name, `${at}.source.name`),
      },
    };
  });
  return { format: BUNDLE_FORMAT, version, createdAt: finite(manifest.createdAt, `${where} createdAt`), createdBy: string(manifest.createdBy, `${where} createdBy`), createdIn: string(manifest.createdIn, `${where} createdIn`), images };
}

/** Counts vertices as rings are checked, against one image's budget. */
class VertexBudget {
  private used = 0;
  constructor(private readonly where: string) {}
  rings(value: Json, at: string): number[][] {
    return list(value, at, BUNDLE_LIMITS.verticesPerImage).map((ring, r) => {
      const coordinates = list(ring, `${at}[${r}]`, 2 * BUNDLE_LIMITS.verticesPerImage);
      this.used += coordinates.length / 2;
      if (this.used > BUNDLE_LIMITS.verticesPerImage) fail(this.where, `holds more than ${BUNDLE_LIMITS.verticesPerImage} vertices`);
      if (coordinates.length % 2 !== 0) fail(`${at}[${r}]`, 'has an odd number of coordinates');
      return coordinates.map((c, k) => finite(c, `${at}[${r}][${k}]`));
    });
  }
}

function checkObject(value: Json, at: string, budget: VertexBudget) {
  const object = record(value, at);
  return {
    id: string(object.id, `${at}.id`),
    version: count(object.version, `${at}.version`),
    rings: budget.rings(object.rings, `${at}.rings`),
    z: finite(object.z, `${at}.z`),
    label: string(object.label, `${at}.label`),
    ...(object.note !== undefined ? { note: string(object.note, `${at}.note`) } : {}),
    createdAt: finite(object.createdAt, `${at}.createdAt`),
    updatedAt: finite(object.updatedAt, `${at}.updatedAt`),
    author: string(object.author, `${at}.author`),
    ...(object.hidden !== undefined ? { hidden: object.hidden === true } : {}),
    ...(object.locked !== undefined ? { locked: object.locked === true } : {}),
  };
}

function checkObjects(value: Json, at: string, budget: VertexBudget) {
  const objects = list(value, at, BUNDLE_LIMITS.objectsPerImage).map((object, i) => checkObject(object, `${at}[${i}]`, budget));
  const ids = new Set(objects.map((object) => object.id));
  if (ids.size !== objects.length) fail(at, 'has two objects with one id');
  return objects;
}

const STATUS_ROLES = ['annotator', 'reviewer'] as const;

function checkRecord(value: Json, at: string): BundleImage['record'] {
  const r = record(value, at);
  const display = record(r.display, `${at}.display`);
  const normalization = r.normalization === null ? null : record(r.normalization, `${at}.normalization`);
  const cellomics = r.cellomics === null ? null : record(r.cellomics, `${at}.cellomics`);
  return {
    id: string(r.id, `${at}.id`),
    name: string(r.name, `${at}.name`),
    contentHash: string(r.contentHash, `${at}.contentHash`),
    format: oneOf(r.format, ['png', 'jpeg', 'tiff', 'c01', 'generated'] as const, `${at}.format`),
    width: count(r.width, `${at}.width`),
    height: count(r.height, `${at}.height`),
    channels: oneOf(r.channels, [1, 3, 4] as const, `${at}.channels`),
    sourceBitDepth: oneOf(r.sourceBitDepth, [8, 16] as const, `${at}.sourceBitDepth`),
    normalization: normalization && { low: finite(normalization.low, `${at}.normalization.low`), high: finite(normalization.high, `${at}.normalization.high`) },
    cellomics: cellomics && {
      ...(cellomics as object),
      prefix: string(cellomics.prefix, `${at}.cellomics.prefix`),
      plate: string(cellomics.plate, `${at}.cellomics.plate`),
      well: string(cellomics.well, `${at}.cellomics.well`),
      row: string(cellomics.row, `${at}.cellomics.row`),
      column: finite(cellomics.column, `${at}.cellomics.column`),
      field: finite(cellomics.field, `${at}.cellomics.field`),
    } as never,
    addedAt: finite(r.addedAt, `${at}.addedAt`),
    demo: r.demo === true,
    display: {
      low: finite(display.low, `${at}.display.low`),
      high: finite(display.high, `${at}.display.high`),
      gamma: finite(display.gamma, `${at}.display.gamma`),
      contrast: finite(display.contrast, `${at}.display.contrast`),
      brightness: finite(display.brightness, `${at}.display.brightness`),
    },
    ...(r.split !== undefined ? { split: string(r.split, `${at}.split`) } : {}),
    status: checkStatus(r.status, `${at}.status`),
    statusHistory: checkStatusHistory(r.statusHistory, `${at}.statusHistory`),
  };
}

/** An image status. */
export const checkStatus = (value: Json, at: string) => oneOf(value, STATUSES, at);

export function checkStatusHistory(value: Json, at: string): BundleImage['record']['statusHistory'] {
  return list(value, at, BUNDLE_LIMITS.statusChangesPerImage).map((entry, i) => {
    const change = record(entry, `${at}[${i}]`);
    return {
      status: oneOf(change.status, STATUSES, `${at}[${i}].status`),
      by: string(change.by, `${at}[${i}].by`),
      role: oneOf(change.role, STATUS_ROLES, `${at}[${i}].role`),
      at: finite(change.at, `${at}[${i}].at`),
    };
  });
}

const KINDS = ISSUE_KINDS.map((kind) => kind.kind);

export function checkIssue(value: Json, at: string): BundleImage['issues'][number] {
  const issue = record(value, at);
  return {
    id: string(issue.id, `${at}.id`),
    kind: oneOf(issue.kind, KINDS, `${at}.kind`),
    x: finite(issue.x, `${at}.x`),
    y: finite(issue.y, `${at}.y`),
    objectId: issue.objectId === null ? null : string(issue.objectId, `${at}.objectId`),
    status: oneOf(issue.status, ['open', 'resolved'] as const, `${at}.status`),
    comments: list(issue.comments, `${at}.comments`, BUNDLE_LIMITS.commentsPerIssue).map((entry, i) => {
      const comment = record(entry, `${at}.comments[${i}]`);
      return { author: string(comment.author, `${at}.comments[${i}].author`), at: finite(comment.at, `${at}.comments[${i}].at`), text: string(comment.text, `${at}.comments[${i}].text`) };
    }),
    createdBy: string(issue.createdBy, `${at}.createdBy`),
    createdAt: finite(issue.createdAt, `${at}.createdAt`),
    ...(issue.resolvedBy !== undefined ? { resolvedBy: string(issue.resolvedBy, `${at}.resolvedBy`) } : {}),
    ...(issue.resolvedAt !== undefined ? { resolvedAt: finite(issue.resolvedAt, `${at}.resolvedAt`) } : {}),
  };
}

export function checkSubmissions(value: Json, at: string, budget = new VertexBudget(at)): BundleImage['submissions'] {
  return list(value, at, BUNDLE_LIMITS.submissionsPerImage).map((entry, i) => {
    const submission = record(entry, `${at}[${i}]`);
    return {
      submittedAt: finite(submission.submittedAt, `${at}[${i}].submittedAt`),
      submittedBy: string(submission.submittedBy, `${at}[${i}].submittedBy`),
      objects: checkObjects(submission.objects, `${at}[${i}].objects`, budget),
    };
  });
}

/** One image.json, checked whole (entry `where`). */
export function checkBundleImage(json: Json, where: string): BundleImage {
  const image = record(json, where);
  const budget = new VertexBudget(where);
  return {
    record: checkRecord(image.record, `${where}: record`),
    objects: checkObjects(image.objects, `${where}: objects`, budget),
    submissions: checkSubmissions(image.submissions, `${where}: submissions`, budget),
    issues: list(image.issues, `${where}: issues`, BUNDLE_LIMITS.issuesPerImage).map((issue, i) => checkIssue(issue, `${where}: issues[${i}]`)),
    layers: list(image.layers, `${where}: layers`, BUNDLE_LIMITS.layersPerImage).map((entry, i) => {
      const at = `${where}: layers[${i}]`;
      const layer = record(entry, at);
      return {
        id: string(layer.id, `${at}.id`),
        name: string(layer.name, `${at}.name`),
        addedAt: finite(layer.addedAt, `${at}.addedAt`),
        objects: list(layer.objects, `${at}.objects`, BUNDLE_LIMITS.objectsPerImage).map((shape, k) => {
          const object = record(shape, `${at}.objects[${k}]`);
          return { rings: budget.rings(object.rings, `${at}.objects[${k}].rings`), z: finite(object.z, `${at}.objects[${k}].z`) };
        }),
      };
    }),
    received: checkReceived(image.received, `${where}: received`),
  };
}

function checkReceived(value: Json, at: string): BundleImage['received'] {
  const byBrowser = record(value, at);
  if (Object.keys(byBrowser).length > BUNDLE_LIMITS.browsersPerImage) fail(at, `names more than ${BUNDLE_LIMITS.browsersPerImage} browsers`);
  return Object.fromEntries(
    Object.entries(byBrowser).map(([browser, keys]) => {
      const byObject = record(keys, `${at}.${browser}`);
      if (Object.keys(byObject).length > BUNDLE_LIMITS.objectsPerImage) fail(`${at}.${browser}`, `names more than ${BUNDLE_LIMITS.objectsPerImage} objects`);
      return [browser, Object.fromEntries(Object.entries(byObject).map(([id, key]) => [id, string(key, `${at}.${browser}.${id}`)]))];
    }),
  );
}
