/**
 * Fetching the reference data set and laying it out as an ImageFolder.
 *
 * The reference repository keeps its photos in six folders at its top level; they map to
 * the four folders of the ImageFolder layout as {@link REFERENCE_FOLDERS} says. The whole
 * repository is fetched as one tar.gz archive, the way its host serves any branch
 * (`<base>/<owner>/<name>/tar.gz/<ref>`, every path under a `<name>-<branch>/` prefix).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import * as tar from 'tar';
import { isImageFile } from './image.js';
import { silentLogger, type Logger } from './logger.js';

/** The public repository the reference data set comes from, owner/name. */
export const REFERENCE_REPOSITORY = 'dinhhoanganh2001/Gender-Classification';

/** The branch whose archive is fetched. */
export const REFERENCE_REF = 'refs/heads/main';

/** Where repository archives are served from; override it for a mirror or a test server. */
export const DEFAULT_ARCHIVE_BASE_URL = 'https://codeload.github.com';

/** Each reference folder and the ImageFolder folder its photos go to. */
export const REFERENCE_FOLDERS: Readonly<Record<string, string>> = {
  newMale: 'train/male',
  newMale2: 'train/male',
  newFemale: 'train/female',
  newFemale2: 'train/female',
  newMale_validation: 'test/male',
  newFemale_validation: 'test/female',
};

export interface DownloadOptions {
  /** archive host, default {@link DEFAULT_ARCHIVE_BASE_URL} */
  readonly baseUrl?: string;
  /** receives one line per step; default silent */
  readonly logger?: Logger;
  /** replace a data set already at the destination; default false */
  readonly force?: boolean;
  /** give up on the download after this many milliseconds; default 5 minutes */
  readonly timeoutMs?: number;
}

/** What {@link downloadDataset} left at the destination. */
export interface DownloadResult {
  /** the ImageFolder root */
  readonly dir: string;
  /** false when a data set was already there and nothing was fetched */
  readonly downloaded: boolean;
  /** images per ImageFolder folder, such as `{ 'train/male': 119, ... }`; empty if not downloaded */
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * The archive address of the reference repository.
 *
 * @param baseUrl - archive host, default {@link DEFAULT_ARCHIVE_BASE_URL}
 * @returns `<baseUrl>/dinhhoanganh2001/Gender-Classification/tar.gz/refs/heads/main`
 */
export function referenceArchiveUrl(baseUrl: string = DEFAULT_ARCHIVE_BASE_URL): string {
  return `${baseUrl.replace(/\/+$/, '')}/${REFERENCE_REPOSITORY}/tar.gz/${REFERENCE_REF}`;
}

/**
 * Downloads the reference data set into `dir` as an ImageFolder (`train/male`,
 * `train/female`, `test/male`, `test/female`), unless `dir` already holds `train` and
 * `test`.
 *
 * All or nothing: the archive is saved and unpacked in a temporary folder beside `dir`,
 * and the finished layout is renamed into place in one step. A failed download, a
 * damaged archive or a missing folder leaves `dir` as it was and no temporary files.
 *
 * @param dir - the ImageFolder root to create
 * @param options - archive host, logger, force, timeout
 * @returns the folder and the number of images in each part
 * @throws Error naming the address on an HTTP error, or the folder missing from the archive
 */
export async function downloadDataset(dir: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const logger = options.logger ?? silentLogger;
  const target = resolve(dir);
  if (!options.force && (await isImageFolder(target))) {
    logger(`data set already in ${target}`);
    return { dir: target, downloaded: false, counts: {} };
  }

  // Everything happens in a temporary folder on the same file system, for the final rename.
  await mkdir(dirname(target), { recursive: true });
  const work = await mkdtemp(join(dirname(target), `.${basename(target)}.download-`));
  try {
    const url = referenceArchiveUrl(options.baseUrl);
    const archive = join(work, 'archive.tar.gz');
    logger(`downloading ${url}`);
    await fetchToFile(url, archive, options.timeoutMs ?? 300_000);

    const images = await readReferenceImages(archive, logger);
    const layout = join(work, 'layout');
    const counts = await writeLayout(images, layout);
    await swapIntoPlace(layout, target, work);
    logger(`data set ready in ${target}: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    return { dir: target, downloaded: true, counts };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Whether `dir` already looks like a data set: it has `train` and `test` folders. */
async function isImageFolder(dir: string): Promise<boolean> {
  const isDir = (p: string) => stat(p).then((s) => s.isDirectory(), () => false);
  return (await isDir(join(dir, 'train'))) && (await isDir(join(dir, 'test')));
}

/** Streams the body of a GET of `url` to `file`. */
async function fetchToFile(url: string, file: string, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (err) {
    // fetch says only "fetch failed"; the reason (refused, timed out, ...) is its cause.
    const cause = (err as Error).cause as Error | undefined;
    const reason = cause?.message ? `${(err as Error).message}: ${cause.message}` : (err as Error).message;
    throw new Error(`download of ${url} failed: ${reason}`, { cause: err });
  }
  if (!response.ok || response.body === null) {
    throw new Error(`download of ${url} failed: HTTP ${response.status} ${response.statusText}`);
  }
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  await pipeline(body, createWriteStream(file));
}

/** One photo read from the archive. */
interface ArchivedImage {
  readonly folder: string;
  readonly name: string;
  readonly data: Buffer;
}

/**
 * Reads the photos of the six reference folders out of the archive into memory (a few
 * megabytes). Nothing touches the disk until the whole archive has been read, so a
 * damaged archive fails before any file is written. Only regular files directly inside
 * a reference folder (`<prefix>/<folder>/<file>`) are kept; other files there, such as
 * the folders' README files, are left out with a notice.
 */
async function readReferenceImages(archive: string, logger: Logger): Promise<ArchivedImage[]> {
  const images: ArchivedImage[] = [];
  const prefixes = new Set<string>();
  await tar.t({
    file: archive,
    filter: (path) => {
      const parts = path.split('/').filter((p) => p !== '');
      return parts.length === 3 && parts[1] in REFERENCE_FOLDERS;
    },
    onReadEntry: (entry) => {
      const [prefix, folder, name] = entry.path.split('/').filter((p) => p !== '');
      if (entry.type !== 'File' || !isImageFile(name)) {
        logger(`leaving out ${folder}/${name}: not an image file`);
        entry.resume();
        return;
      }
      prefixes.add(prefix);
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => images.push({ folder, name, data: Buffer.concat(chunks) }));
    },
  });
  if (prefixes.size > 1) {
    throw new Error(`the archive should hold one top-level folder, not ${[...prefixes].join(', ')}`);
  }
  return images;
}

/** Writes the photos into the ImageFolder layout under `layout`; counts them per part. */
async function writeLayout(images: readonly ArchivedImage[], layout: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const folder of Object.keys(REFERENCE_FOLDERS)) {
    if (!images.some((image) => image.folder === folder)) {
      throw new Error(`the archive has no photos in ${folder}; is it the reference repository?`);
    }
  }

  const taken = new Set<string>();
  const sorted = [...images].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { folder, name, data } of sorted) {
    const part = REFERENCE_FOLDERS[folder];
    // The name is one path segment of the archive, never "." or ".." (no image extension).
    const to = join(layout, part, name);
    if (taken.has(to)) throw new Error(`two reference folders both hold ${name} for ${part}`);
    taken.add(to);
    await mkdir(join(layout, part), { recursive: true });
    await writeFile(to, data);
    counts[part] = (counts[part] ?? 0) + 1;
  }
  return counts;
}

/** Renames `layout` to `target`; an old `target` is moved aside first and removed after. */
async function swapIntoPlace(layout: string, target: string, work: string): Promise<void> {
  const old = join(work, 'previous');
  const hadOld = await stat(target).then(() => true, () => false);
  if (hadOld) await rename(target, old);
  try {
    await rename(layout, target);
  } catch (err) {
    if (hadOld) await rename(old, target);
    throw err;
  }
}
