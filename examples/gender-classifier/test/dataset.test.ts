import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGenderDataset, loadImageFolder, type GenderDataset } from '../src/dataset.js';
import { FEATURES, ImageReadError, readImageFeatures } from '../src/image.js';
import { GENDER_DATA } from './paths.js';

let data: GenderDataset;
let dir: string;
beforeAll(async () => {
  data = await loadGenderDataset(GENDER_DATA);
  dir = await mkdtemp(join(tmpdir(), 'gender-dataset-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function row(M: GenderDataset['train']['Y']): number[] {
  return Array.from({ length: M.shape[1] }, (_, j) => M.get(0, j));
}

describe('loadGenderDataset', () => {
  it('loads 238 training and 60 test images as columns', () => {
    expect(data.train.X.shape).toEqual([FEATURES, 238]);
    expect(data.train.Y.shape).toEqual([1, 238]);
    expect(data.test.X.shape).toEqual([FEATURES, 60]);
    expect(data.test.Y.shape).toEqual([1, 60]);
    expect(data.train.X.data).toBeInstanceOf(Float64Array);
  });

  it('labels male 1 and female 0, males first, files sorted by name', () => {
    const y = row(data.train.Y);
    expect(y.slice(0, 119)).toEqual(Array(119).fill(1));
    expect(y.slice(119)).toEqual(Array(119).fill(0));
    expect(row(data.test.Y).reduce((a, b) => a + b, 0)).toBe(30);
    const files = data.train.files;
    expect(files[0]).toBe(join(GENDER_DATA, 'train', 'male', 'male1.jpg'));
    expect(files[1]).toBe(join(GENDER_DATA, 'train', 'male', 'male10.jpg'));
    expect(files[119]).toBe(join(GENDER_DATA, 'train', 'female', 'female1.jpg'));
    expect([...files.slice(0, 119)].sort()).toEqual(files.slice(0, 119));
  });

  it('puts image j in column j, scaled to [0, 1]', async () => {
    const j = 130;
    const x = await readImageFeatures(data.train.files[j]);
    for (const i of [0, 1, 2, 4000, FEATURES - 1]) {
      expect(data.train.X.get(i, j)).toBe(x[i]);
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of data.test.X.data) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
  });

  it('says in one line that a data set folder is missing, or is a file', async () => {
    const missing = join(dir, 'no-such-data');
    await expect(loadGenderDataset(missing)).rejects.toThrow(
      `data set folder ${missing} does not exist or is not a folder; it must hold the ImageFolders train/ and test/`);
    const file = join(GENDER_DATA, 'train', 'male', 'male1.jpg');
    await expect(loadGenderDataset(file)).rejects.toThrow(`data set folder ${file} does not exist or is not a folder`);
  });

  it('names a class folder the data set lacks', async () => {
    // A folder without train/ or test/: the first class folder looked for is train/male.
    const empty = join(dir, 'no-classes');
    await mkdir(empty);
    await expect(loadGenderDataset(empty)).rejects.toThrow(`class folder ${join(empty, 'train', 'male')} cannot be listed`);
  });
});

describe('loadImageFolder', () => {
  it('skips files that are not images with a one-line notice', async () => {
    const split = join(dir, 'skip');
    for (const c of ['male', 'female']) {
      await mkdir(join(split, c), { recursive: true });
      await copyFile(join(GENDER_DATA, 'test', c, `${c}1.jpg`), join(split, c, `${c}1.jpg`));
    }
    await writeFile(join(split, 'male', 'README'), 'about these photos\n');
    await writeFile(join(split, 'female', 'notes.txt'), 'n\n');
    await mkdir(join(split, 'female', 'nested'));

    const lines: string[] = [];
    const images = await loadImageFolder(split, { logger: (l) => lines.push(l) });

    expect(images.X.shape).toEqual([FEATURES, 2]);
    expect(images.files).toEqual([join(split, 'male', 'male1.jpg'), join(split, 'female', 'female1.jpg')]);
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.includes(join(split, 'male', 'README')))).toBe(true);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('reports a corrupt .jpg with its path', async () => {
    const split = join(dir, 'corrupt');
    for (const c of ['male', 'female']) {
      await mkdir(join(split, c), { recursive: true });
      await copyFile(join(GENDER_DATA, 'test', c, `${c}2.jpg`), join(split, c, `${c}2.jpg`));
    }
    const bad = join(split, 'female', 'female9.jpg');
    await writeFile(bad, 'this is not a JPEG');

    const err = await loadImageFolder(split).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageReadError);
    expect((err as ImageReadError).path).toBe(bad);
    expect((err as Error).message).toContain(bad);
  });

  it('says which class folder is missing', async () => {
    const split = join(dir, 'missing');
    await mkdir(join(split, 'male'), { recursive: true });
    await copyFile(join(GENDER_DATA, 'test', 'male', 'male3.jpg'), join(split, 'male', 'male3.jpg'));
    await expect(loadImageFolder(split)).rejects.toThrow(join(split, 'female'));
  });
});
