import { join } from 'node:path';
import { fromArray, fromRows, toRows } from 'dnn-lite';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { flipHorizontal, withMirrorImages } from '../src/augment.js';
import { readImagePixels } from '../src/image.js';
import { GENDER_DATA } from './paths.js';

/** Two images whose values count up: image 0 holds 0, 1, 2, ...; image 1 the negatives. */
function counting() {
  const m = 2;
  const data = new Float64Array(12288 * m);
  for (let i = 0; i < 12288; i++) {
    data[i * m] = i;
    data[i * m + 1] = -i;
  }
  return fromArray(data, 12288, m);
}

describe('flipHorizontal', () => {
  it('reverses the columns of each row and keeps the channels in order', () => {
    const F = flipHorizontal(counting());
    // (row 5, column 0, blue) comes from (row 5, column 63, blue).
    expect(F.get((5 * 64 + 0) * 3 + 2, 0)).toBe((5 * 64 + 63) * 3 + 2);
    expect(F.get((5 * 64 + 0) * 3 + 2, 1)).toBe(-((5 * 64 + 63) * 3 + 2));
    expect(F.get((63 * 64 + 40) * 3 + 0, 0)).toBe((63 * 64 + 23) * 3 + 0);
  });

  it('is its own inverse and accepts a transposed view', () => {
    const X = counting();
    expect(toRows(flipHorizontal(flipHorizontal(X)))).toEqual(toRows(X));
    const T = fromArray(new Float64Array(2 * 12288), 2, 12288);
    for (let i = 0; i < 12288; i++) {
      T.set(0, i, X.get(i, 0));
      T.set(1, i, X.get(i, 1));
    }
    expect(toRows(flipHorizontal(T.transpose(1, 0)))).toEqual(toRows(flipHorizontal(X)));
  });

  it('gives the pixels of the photo mirrored by sharp', async () => {
    const path = join(GENDER_DATA, 'test', 'female', 'female3.jpg');
    const pixels = await readImagePixels(path);
    const X = fromArray(Float64Array.from(pixels), 12288, 1);
    const { data } = await sharp(path).removeAlpha().flop().raw().toBuffer({ resolveWithObject: true });
    expect(Array.from(flipHorizontal(X).data)).toEqual(Array.from(data));
  });

  it('rejects a matrix without 12288 rows', () => {
    expect(() => flipHorizontal(fromRows([[1, 2]]))).toThrow('flipHorizontal: X is [1, 2]; it must have 12288 rows');
  });
});

describe('withMirrorImages', () => {
  it('puts the mirror images after the photos and repeats the labels', () => {
    const X = counting();
    const { X: X2, Y: Y2 } = withMirrorImages(X, fromRows([[1, 0]]));
    expect(X2.shape).toEqual([12288, 4]);
    expect(toRows(Y2)).toEqual([[1, 0, 1, 0]]);
    const F = flipHorizontal(X);
    for (const i of [0, 7, 300, 12287]) {
      expect([X2.get(i, 0), X2.get(i, 1), X2.get(i, 2), X2.get(i, 3)])
        .toEqual([X.get(i, 0), X.get(i, 1), F.get(i, 0), F.get(i, 1)]);
    }
  });

  it('rejects labels that do not match the images', () => {
    expect(() => withMirrorImages(counting(), fromRows([[1, 0, 1]]))).toThrow('Y must be [1, 2]');
  });
});
