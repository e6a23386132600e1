import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fromArray, type Matrix } from 'dnn-lite';
import { describe, expect, it } from 'vitest';
import { loadImageFolder } from '../src/dataset.js';
import { HOG_BINS, HOG_BLOCK_VALUES, hogFeatureCount, hogFeatures } from '../src/hog.js';
import { readImageFeatures } from '../src/image.js';
import { FIXTURES, GENDER_DATA } from './paths.js';

interface SkimageFixture {
  whole: { path: string; cell: number; features: number[] }[];
  summaries: { path: string; sum: number; sumOfSquares: number; weightedSum: number; nonzero: number }[];
}

const fixture = JSON.parse(await readFile(join(FIXTURES, 'skimage-hog.json'), 'utf8')) as SkimageFixture;

/** One grey 64x64 image whose square-rooted value (what HOG differentiates) is f(row, column). */
function greyImage(f: (r: number, c: number) => number): Matrix {
  const data = new Float64Array(12288);
  for (let r = 0; r < 64; r++) {
    for (let c = 0; c < 64; c++) data.fill(f(r, c) ** 2, (r * 64 + c) * 3, (r * 64 + c) * 3 + 3);
  }
  return fromArray(data, 12288, 1);
}

/** Feature index of (block row, block column, cell 0..3, bin) for 8-pixel cells. */
function at(br: number, bc: number, cell: number, bin: number): number {
  return (br * 7 + bc) * HOG_BLOCK_VALUES + cell * HOG_BINS + bin;
}

function column(H: Matrix, j: number): number[] {
  return Array.from({ length: H.shape[0] }, (_, i) => H.get(i, j));
}

describe('hogFeatureCount', () => {
  it('counts (64 / cell - 1)^2 blocks of 36 values', () => {
    expect([4, 8, 16, 32].map(hogFeatureCount)).toEqual([8100, 1764, 324, 36]);
    expect(() => hogFeatureCount(5)).toThrow('HOG cell size 5: it must be one of 4, 8, 16, 32 pixels');
  });
});

describe('hogFeatures against scikit-image', () => {
  it.each(fixture.whole.map((w) => [w.path, w.cell, w] as const))(
    'equals feature.hog of %s with %i-pixel cells to the last bit', async (path, cell, { features }) => {
      const x = await readImageFeatures(join(GENDER_DATA, path));
      const H = hogFeatures(fromArray(x, 12288, 1), cell);
      expect(H.shape).toEqual([features.length, 1]);
      expect(column(H, 0)).toEqual(features);
    });

  it('agrees on every reference photo, to the last bit where no gradient lies on a bin edge', async () => {
    // Some gradients lie exactly on a bin edge in real arithmetic (at 60 degrees, say, which
    // square-rooted pixel values make common); V8's and the C library's atan2 can round such
    // an angle to either side, so a few photos put one pixel's vote in the neighbouring bin.
    const summaries = new Map(fixture.summaries.map((s) => [s.path, s]));
    let exact = 0;
    for (const split of ['train', 'test']) {
      const { X, files } = await loadImageFolder(join(GENDER_DATA, split));
      const H = hogFeatures(X);
      files.forEach((file, j) => {
        const expected = summaries.get(relative(GENDER_DATA, file))!;
        const h = column(H, j);
        const sum = h.reduce((a, b) => a + b, 0);
        const weightedSum = h.reduce((a, b, i) => a + b * (i + 1), 0);
        expect(h.filter((v) => v !== 0).length).toBe(expected.nonzero);
        expect(Math.abs(weightedSum / expected.weightedSum - 1)).toBeLessThan(1e-3);
        expect(Math.abs(sum / expected.sum - 1)).toBeLessThan(1e-3);
        if (Math.abs(weightedSum / expected.weightedSum - 1) < 1e-13) exact++;
        summaries.delete(relative(GENDER_DATA, file));
      });
    }
    expect(summaries.size).toBe(0);
    // 279 of the 298 when the fixture was made.
    expect(exact).toBeGreaterThanOrEqual(270);
  });
});

describe('hogFeatures', () => {
  it('is all zeros for a flat image', () => {
    const H = hogFeatures(greyImage(() => 0.4));
    expect(H.shape).toEqual([1764, 1]);
    expect(column(H, 0).every((v) => v === 0)).toBe(true);
  });

  it('puts the edges of horizontal bands in the bin of 80 to 100 degrees', () => {
    // Brightness grows down the rows: every gradient points along the rows, at 90 degrees,
    // and all cells of an inner block are alike: 4 equal values, each 0.5 (to within the
    // norm's epsilon). The border rows have no vertical gradient, so the outer cells
    // hold less, but the same direction.
    const H = hogFeatures(greyImage((r) => (r + 1) / 64));
    for (let br = 0; br < 7; br++) {
      for (let bc = 0; bc < 7; bc++) {
        for (let cell = 0; cell < 4; cell++) {
          for (let bin = 0; bin < HOG_BINS; bin++) {
            const v = H.get(at(br, bc, cell, bin), 0);
            if (bin !== 4) expect(v).toBe(0);
            else if (br > 0 && br < 6) expect(v).toBeCloseTo(0.5, 6);
            else expect(v).toBeGreaterThan(0);
          }
        }
      }
    }
  });

  it('puts the edges of vertical bands in the bin of 0 to 20 degrees', () => {
    const H = hogFeatures(greyImage((_, c) => (c + 1) / 64));
    for (let cell = 0; cell < 4; cell++) {
      for (let bin = 0; bin < HOG_BINS; bin++) {
        expect(H.get(at(3, 3, cell, bin), 0)).toBeCloseTo(bin === 0 ? 0.5 : 0, 6);
      }
    }
  });

  it('takes each column of X alone, whatever the view', async () => {
    const { X } = await loadImageFolder(join(GENDER_DATA, 'test'));
    const some = X.hi(12288, 5);
    const H = hogFeatures(some, 16);
    const transposed = hogFeatures(fromArray(Float64Array.from(column(some, 3)), 1, 12288).transpose(1, 0), 16);
    expect(column(H, 3)).toEqual(column(transposed, 0));
    expect(column(H, 2)).not.toEqual(column(H, 3));
  });

  it('normalises every block of a photo to unit length, no value above 1', async () => {
    const x = await readImageFeatures(join(GENDER_DATA, 'test', 'male', 'male1.jpg'));
    const H = hogFeatures(fromArray(x, 12288, 1), 16);
    expect(H.shape).toEqual([324, 1]);
    for (let block = 0; block < 9; block++) {
      let sum = 0;
      for (let k = 0; k < HOG_BLOCK_VALUES; k++) {
        const v = H.get(block * HOG_BLOCK_VALUES + k, 0);
        expect(v).toBeGreaterThanOrEqual(0);
        sum += v * v;
      }
      expect(Math.sqrt(sum)).toBeCloseTo(1, 9);
    }
  });

  it('refuses images that are not 64x64 RGB columns of values in [0, 1]', () => {
    expect(() => hogFeatures(fromArray(new Float64Array(30), 10, 3)))
      .toThrow('hogFeatures: X is [10, 3]; it must have 12288 rows (64 x 64 x 3 images)');
    expect(() => hogFeatures(greyImage(() => 0), 12)).toThrow(/HOG cell size 12/);
    const X = fromArray(new Float64Array(12288 * 2), 12288, 2);
    X.set(7, 1, 255);
    expect(() => hogFeatures(X)).toThrow('hogFeatures: X[7, 1] is 255; image values must lie in [0, 1]');
    X.set(7, 1, Number.NaN);
    expect(() => hogFeatures(X)).toThrow('hogFeatures: X[7, 1] is NaN; image values must lie in [0, 1]');
  });
});
