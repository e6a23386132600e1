import { fromArray, fromRows, toRows } from 'dnn-lite';
import { describe, expect, it } from 'vitest';
import { selectColumns, stratifiedFolds } from '../src/folds.js';

/** 119 males then 119 females, as the reference training set. */
const Y = fromArray(Float64Array.from({ length: 238 }, (_, j) => (j < 119 ? 1 : 0)), 1, 238);

describe('stratifiedFolds', () => {
  it('holds out every column exactly once, each class evenly', () => {
    const splits = stratifiedFolds(Y, 5, 0);
    expect(splits).toHaveLength(5);
    const heldOut = splits.flatMap((s) => s.validation).sort((a, b) => a - b);
    expect(heldOut).toEqual([...Array(238).keys()]);
    for (const { fit, validation } of splits) {
      expect(fit.length + validation.length).toBe(238);
      expect(fit.filter((j) => validation.includes(j))).toEqual([]);
      const males = validation.filter((j) => j < 119).length;
      expect(males).toBeGreaterThanOrEqual(23);
      expect(males).toBeLessThanOrEqual(24);
      expect(validation.length - males).toBeGreaterThanOrEqual(23);
      expect(validation.length - males).toBeLessThanOrEqual(24);
    }
  });

  it('shuffles with numpy\'s permutation: the same seed, the same folds', () => {
    expect(stratifiedFolds(Y, 5, 0)).toEqual(stratifiedFolds(Y, 5, 0));
    expect(stratifiedFolds(Y, 5, 1)[0].validation).not.toEqual(stratifiedFolds(Y, 5, 0)[0].validation);
    // np.random.seed(0); np.random.permutation(4) is [2, 3, 1, 0]; then permutation(2) is [0, 1].
    const splits = stratifiedFolds(fromRows([[1, 1, 1, 1, 0, 0]]), 2, 0);
    expect(splits.map((s) => s.validation)).toEqual([[1, 2, 4], [0, 3, 5]]);
  });

  it('rejects more folds than the smallest class has members', () => {
    expect(() => stratifiedFolds(fromRows([[1, 1, 0]]), 2, 0)).toThrow('from 2 to 1');
  });
});

describe('selectColumns', () => {
  it('copies the given columns in the given order', () => {
    const M = fromRows([[1, 2, 3], [4, 5, 6]]);
    expect(toRows(selectColumns(M, [2, 0]))).toEqual([[3, 1], [6, 4]]);
    expect(toRows(selectColumns(M.transpose(1, 0), [1]))).toEqual([[4], [5], [6]]);
  });
});
