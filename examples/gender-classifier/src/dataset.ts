/**
 * The ImageFolder layout: one folder per split, one subfolder per class.
 *
 * ```
 * data/train/male/*.jpg    label 1
 * data/train/female/*.jpg  label 0
 * data/test/male/*.jpg
 * data/test/female/*.jpg
 * ```
 *
 * m = number of images; X is (12288, m), one image per column; Y is (1, m).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fromArray, type Matrix } from 'dnn-lite';
import { FEATURES, isImageFile, readImageFeatures } from './image.js';
import { silentLogger, type Logger } from './logger.js';

/** A class folder name and the label its images get. */
export interface ImageClass {
  readonly name: string;
  readonly label: 0 | 1;
}

/** The reference's classes in loading order: male = 1, female = 0. */
export const GENDER_CLASSES: readonly ImageClass[] = [
  { name: 'male', label: 1 },
  { name: 'female', label: 0 },
];

/** Images of one split as network inputs, with the file each column came from. */
export interface LabelledImages {
  /** (12288, m): column j holds image j's pixels / 255 in (row, column, channel) order */
  readonly X: Matrix;
  /** (1, m): label of image j */
  readonly Y: Matrix;
  /** path of image j */
  readonly files: readonly string[];
}

/** The two splits of an ImageFolder. */
export interface GenderDataset {
  readonly train: LabelledImages;
  readonly test: LabelledImages;
}

export interface LoadOptions {
  /** class folders and their labels, in loading order; default {@link GENDER_CLASSES} */
  readonly classes?: readonly ImageClass[];
  /** receives a one-line notice for each skipped file; default silent */
  readonly logger?: Logger;
  /** images decoded at once; default 8 */
  readonly concurrency?: number;
}

/**
 * Loads one split folder (such as `data/train`): every image of every class subfolder,
 * classes in the given order, files within a class sorted by name (UTF-16 code units,
 * so the order is the same on every machine). Files that are not images (by extension),
 * subfolders and hidden files are skipped with a notice.
 *
 * @param dir - the split folder, holding one subfolder per class
 * @param options - classes, logger, concurrency
 * @returns X (12288, m), Y (1, m) and the file of each column
 * @throws Error if a class folder is missing or holds no image
 * @throws {@link ImageReadError} naming the first file that cannot be decoded
 */
export async function loadImageFolder(dir: string, options: LoadOptions = {}): Promise<LabelledImages> {
  const classes = options.classes ?? GENDER_CLASSES;
  const logger = options.logger ?? silentLogger;

  // List the images of each class, in a fixed order.
  const files: string[] = [];
  const labels: number[] = [];
  for (const { name, label } of classes) {
    const classDir = join(dir, name);
    const entries = await readdir(classDir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`class folder ${classDir} cannot be listed: ${err.message}`, { cause: err });
    });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let found = 0;
    for (const entry of entries) {
      const path = join(classDir, entry.name);
      if (!entry.isFile() || entry.name.startsWith('.') || !isImageFile(entry.name)) {
        logger(`skipping ${path}: not an image file`);
        continue;
      }
      files.push(path);
      labels.push(label);
      found++;
    }
    if (found === 0) throw new Error(`class folder ${classDir} holds no image`);
  }

  // Decode, a few at a time, straight into the columns of X.
  const m = files.length;
  const data = new Float64Array(FEATURES * m);
  await forEachLimited(files, options.concurrency ?? 8, async (path, j) => {
    const x = await readImageFeatures(path);
    for (let i = 0; i < FEATURES; i++) data[i * m + j] = x[i];
  });

  return {
    X: fromArray(data, FEATURES, m),
    Y: fromArray(Float64Array.from(labels), 1, m),
    files,
  };
}

/**
 * Loads `root/train` and `root/test`.
 *
 * @param root - the ImageFolder root
 * @param options - as for {@link loadImageFolder}
 * @returns both splits
 * @throws Error if root is not a folder
 * @throws as {@link loadImageFolder}
 */
export async function loadGenderDataset(root: string, options: LoadOptions = {}): Promise<GenderDataset> {
  // Said once for the whole data set, rather than as the first class folder it lacks.
  const isFolder = await stat(root).then((s) => s.isDirectory(), () => false);
  if (!isFolder) {
    throw new Error(`data set folder ${root} does not exist or is not a folder; ` +
      'it must hold the ImageFolders train/ and test/');
  }
  const train = await loadImageFolder(join(root, 'train'), options);
  const test = await loadImageFolder(join(root, 'test'), options);
  return { train, test };
}

/** Runs `task` on every item with at most `limit` running at once; rejects on the first failure. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        await task(items[index], index);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
