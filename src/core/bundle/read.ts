/**
 * Reading a bundle from a random-access source (zipReader.ts), one image at a time: a version-1
 * bundle through its manifest, the app's older project ZIP as version 0 (migrations.ts). Every
 * failure is a FileFormatError naming the file and the reason.
 */
import { FileFormatError } from '../errors';
import { hasImageExtension } from '../formats/extensions';
import { annotationFilesAmong } from '../interchange/pairing';
import type { ImageFileFormat } from '../interchange/types';
import { baseName, fileNameOf } from '../paths';
import { readZipEntry, readZipIndex, type ByteSource, type ZipIndexEntry } from '../zipReader';
import { BUNDLE_VERSION, MANIFEST_PATH, type BundleImage, type BundleManifest, type ManifestImage } from './format';
import { BUNDLE_MIGRATIONS, type ProjectZipImage } from './migrations';
import { BUNDLE_LIMITS, BundleError, checkBundleImage, checkIssue, checkManifest, checkStatus, checkStatusHistory, checkSubmissions, parseJson } from './validate';

/** A project ZIP's review records (exports.ts writes them): review.json at the top level. */
const REVIEW_PATH = 'review.json';

/** An opened bundle: what it lists, and how to read each image. */
export interface OpenedBundle {
  fileName: string;
  /** The version it was written in (0: a project ZIP). */
  version: number;
  manifest: BundleManifest;
  entries: ReadonlyMap<string, ZipIndexEntry>;
  /** Version 0: per listed image, its mask entry and format. */
  masks?: ReadonlyArray<{ path: string; format: ImageFileFormat; split?: string }>;
  /** Version 0: review.json's records by image name. */
  reviews?: ReadonlyMap<string, ProjectZipImage['review']>;
}

const INDEX_LIMITS = { entries: 4 * BUNDLE_LIMITS.images + 16, directoryBytes: 64 * 2 ** 20 };

const asFileError = async <T>(fileName: string, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BundleError) throw new FileFormatError(fileName, error.message);
    throw error;
  }
};

/**
 * Opens `source` as a bundle; null when it is a ZIP but neither a bundle (manifest.json) nor a
 * project ZIP (review.json), so the caller gives it its usual handling. Checks the manifest and
 * that every entry it names is there.
 */
export function openBundle(fileName: string, source: ByteSource): Promise<OpenedBundle | null> {
  return asFileError(fileName, async () => {
    const index = await readZipIndex(fileName, source, INDEX_LIMITS);
    const entries = new Map(index.map((entry) => [entry.path, entry]));
    const manifestEntry = entries.get(MANIFEST_PATH);
    if (manifestEntry) {
      const manifest = checkManifest(parseJson(await readZipEntry(fileName, source, manifestEntry, BUNDLE_LIMITS.manifestBytes), MANIFEST_PATH));
      for (const image of manifest.images) {
        for (const path of [image.data, image.source?.path]) {
          if (path && !entries.has(path)) throw new BundleError(`manifest.json lists ${path} for ${image.name}, but the archive has no such entry`);
        }
      }
      return { fileName, version: manifest.version, manifest, entries };
    }
    const reviewEntry = entries.get(REVIEW_PATH);
    return reviewEntry ? openProjectZip(fileName, source, index, entries, reviewEntry) : null;
  });
}

/** A version-0 archive: its masks, the images beside them, and review.json. */
async function openProjectZip(fileName: string, source: ByteSource, index: ZipIndexEntry[], entries: Map<string, ZipIndexEntry>, reviewEntry: ZipIndexEntry): Promise<OpenedBundle> {
  const reviews = checkReviews(parseJson(await readZipEntry(fileName, source, reviewEntry, BUNDLE_LIMITS.manifestBytes), REVIEW_PATH));
  const files = index.filter((entry) => entry.path.includes('/') && !entry.path.endsWith('/'));
  const paired = annotationFilesAmong(files.map((entry) => entry.path));
  // Looked up per mask: the first image file of each folder and base name, the first review of each base name.
  const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);
  const imageByFolderAndBase = new Map<string, ZipIndexEntry>();
  files.forEach((entry, k) => {
    const key = `${folderOf(entry.path)}\0${baseName(entry.path)}`;
    if (!paired[k] && hasImageExtension(entry.path) && !imageByFolderAndBase.has(key)) imageByFolderAndBase.set(key, entry);
  });
  const reviewByBase = new Map<string, string>();
  for (const name of reviews.keys()) if (!reviewByBase.has(baseName(name))) reviewByBase.set(baseName(name), name);
  const images: ManifestImage[] = [];
  const masks: Array<NonNullable<OpenedBundle['masks']>[number]> = [];
  for (const [i, annotation] of paired.entries()) {
    if (!annotation || annotation.format.scope !== 'image' || annotation.imageBase === null) continue;
    const path = files[i].path;
    const folder = folderOf(path);
    const base = annotation.imageBase;
    const imageFile = imageByFolderAndBase.get(`${folder}\0${base}`);
    const reviewName = reviewByBase.get(base);
    const name = reviewName ?? (imageFile ? fileNameOf(imageFile.path) : base);
    const split = folder.split('/')[0];
    images.push({ data: null, name, contentHash: null, source: imageFile ? { path: imageFile.path, kind: 'original', name: fileNameOf(imageFile.path) } : null });
    masks.push({ path, format: annotation.format, ...(split && split !== 'all' ? { split } : {}) });
  }
  const manifest: BundleManifest = { format: 'nuclei-annotator-bundle', version: 0, createdAt: 0, createdBy: '', createdIn: '', images };
  return { fileName, version: 0, manifest, entries, masks, reviews };
}

function checkReviews(json: unknown): Map<string, ProjectZipImage['review']> {
  if (!Array.isArray(json)) throw new BundleError('review.json is not a list');
  if (json.length > BUNDLE_LIMITS.images) throw new BundleError(`review.json lists more than ${BUNDLE_LIMITS.images} images`);
  const reviews = new Map<string, ProjectZipImage['review']>();
  json.forEach((value, i) => {
    const at = `review.json: [${i}]`;
    if (typeof value !== 'object' || value === null || typeof value.image !== 'string') throw new BundleError(`${at} has no image name`);
    const statusHistory = checkStatusHistory(value.statusHistory, `${at}.statusHistory`);
    const status = checkStatus(value.status, `${at}.status`);
    const issues = Array.isArray(value.issues) ? value.issues.map((issue: unknown, k: number) => checkIssue(issue, `${at}.issues[${k}]`)) : [];
    reviews.set(value.image, { status, statusHistory, issues, submissions: checkSubmissions(value.submissions ?? [], `${at}.submissions`) });
  });
  return reviews;
}

/**
 * The i-th listed image, checked whole and brought to the current version. `now` and `user`
 * stand in for what a version-0 archive does not hold (when its objects were made, and by whom).
 */
export function readBundleImage(bundle: OpenedBundle, source: ByteSource, i: number, now: number): Promise<BundleImage> {
  return asFileError(bundle.fileName, async () => {
    const listed = bundle.manifest.images[i];
    if (bundle.version === BUNDLE_VERSION) {
      const path = listed.data as string;
      const image = checkBundleImage(parseJson(await readZipEntry(bundle.fileName, source, bundle.entries.get(path)!, BUNDLE_LIMITS.imageJsonBytes), path), path);
      if (image.record.contentHash !== listed.contentHash) throw new BundleError(`${path}: its content hash differs from the manifest's`);
      return image;
    }
    const mask = bundle.masks![i];
    const bytes = await readZipEntry(bundle.fileName, source, bundle.entries.get(mask.path)!, BUNDLE_LIMITS.sourceBytes);
    const decoded = mask.format.decode!(`${bundle.fileName}: ${mask.path}`, bytes);
    const review = bundle.reviews!.get(listed.name) ?? null;
    const madeBy = review?.statusHistory.at(-1)?.by ?? 'project ZIP';
    const [maskImage] = decoded.images;
    const old: ProjectZipImage = { name: listed.name, split: mask.split, width: maskImage.width, height: maskImage.height, objects: maskImage.objects, review, madeAt: now, madeBy };
    return BUNDLE_MIGRATIONS.filter((migration) => migration.from >= bundle.version).reduce<BundleImage | ProjectZipImage>((image, migration) => migration.migrate(image as ProjectZipImage), old) as BundleImage;
  });
}
