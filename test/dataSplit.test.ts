import { describe, expect, it } from 'vitest';
import { splitTrainValidation } from '../src/dataSplit.js';
import { ShapeError, ValueError } from '../src/errors.js';
import { fromRows, toRows } from '../src/matrix.js';
import { createRng } from '../src/random.js';

describe('splitTrainValidation', () => {
  const X = fromRows([Array.from({ length: 20 }, (_, j) => j), Array.from({ length: 20 }, (_, j) => 100 + j)]);
  const Y = fromRows([Array.from({ length: 20 }, (_, j) => (j < 10 ? 1 : 0))]);

  it('holds out the same share of each label from a class-sorted set', () => {
    const s = splitTrainValidation(X, Y, { fraction: 0.3, seed: 4 });
    const labels = toRows(s.Yval)[0];
    expect(labels.filter((y) => y === 1).length).toBe(3);
    expect(labels.filter((y) => y === 0).length).toBe(3);
    expect(s.X.shape).toEqual([2, 14]);
  });

  it('partitions the columns and carries each one whole', () => {
    const s = splitTrainValidation(X, Y, { seed: 1 });
    expect([...s.trainColumns, ...s.validationColumns].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    s.validationColumns.forEach((j, k) => {
      expect(s.Xval.get(0, k)).toBe(j);
      expect(s.Xval.get(1, k)).toBe(100 + j);
      expect(s.Yval.get(0, k)).toBe(Y.get(0, j));
    });
  });

  it("picks the held-out columns from numpy's permutation for the seed", () => {
    const s = splitTrainValidation(X, Y, { fraction: 0.1, seed: 7, stratify: false });
    const order = createRng(7).permutation(20);
    expect(s.validationColumns).toEqual(order.slice(0, 2).sort((a, b) => a - b));
  });

  it('is the same for the same seed and differs for another', () => {
    expect(splitTrainValidation(X, Y, { seed: 3 }).validationColumns)
      .toEqual(splitTrainValidation(X, Y, { seed: 3 }).validationColumns);
    expect(splitTrainValidation(X, Y, { seed: 3 }).validationColumns)
      .not.toEqual(splitTrainValidation(X, Y, { seed: 5 }).validationColumns);
  });

  it('rejects a fraction outside (0, 1), mismatched Y and too few examples', () => {
    expect(() => splitTrainValidation(X, Y, { fraction: 1 })).toThrow('splitTrainValidation: options.fraction is 1; it must lie in (0, 1)');
    expect(() => splitTrainValidation(X, fromRows([[1, 0]]))).toThrow(ShapeError);
    expect(() => splitTrainValidation(fromRows([[1]]), fromRows([[1]]))).toThrow(ValueError);
  });
});
