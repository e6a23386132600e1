/**
 * Stratified splits of a training set, for choosing hyperparameters without the test set.
 */
import { createRng, fromArray, type Matrix } from 'dnn-lite';

/** Column indices of the part trained on and of the part held out. */
export interface Split {
  readonly fit: readonly number[];
  readonly validation: readonly number[];
}

/**
 * Stratified k-fold splits: the columns of each class are shuffled (numpy's
 * `np.random.seed(seed); np.random.permutation(count)`, class by class in the order the
 * labels first appear) and dealt round-robin into k folds, so every fold holds each class
 * in the same proportion, within one image. Split i holds out fold i.
 *
 * @param Y - labels, shape (1, m)
 * @param k - number of folds, at least 2
 * @param seed - seed of the shuffles
 * @returns k splits; every column is held out by exactly one of them
 * @throws Error if k is not an integer of at least 2 or exceeds the smallest class
 * @example
 * ```ts
 * stratifiedFolds(fromRows([[1, 1, 0, 0]]), 2, 0).map((s) => s.validation.length); // [2, 2]
 * ```
 */
export function stratifiedFolds(Y: Matrix, k: number, seed: number): Split[] {
  const m = Y.shape[1];
  const classes = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    const y = Y.get(0, j);
    if (!classes.has(y)) classes.set(y, []);
    classes.get(y)!.push(j);
  }
  const smallest = Math.min(...[...classes.values()].map((c) => c.length));
  if (!Number.isInteger(k) || k < 2 || k > smallest) {
    throw new Error(`stratifiedFolds: k is ${k}; it must be an integer from 2 to ${smallest}, the smallest class`);
  }

  const rng = createRng(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let dealt = 0;
  for (const columns of classes.values()) {
    for (const p of rng.permutation(columns.length)) folds[dealt++ % k].push(columns[p]);
  }
  return folds.map((validation, i) => ({
    fit: folds.flatMap((fold, f) => (f === i ? [] : fold)).sort((a, b) => a - b),
    validation: [...validation].sort((a, b) => a - b),
  }));
}

/**
 * The given columns of M, in the given order.
 *
 * @param M - any matrix, shape (n, m)
 * @param columns - column indices into M
 * @returns a new contiguous (n, columns.length) matrix
 */
export function selectColumns(M: Matrix, columns: readonly number[]): Matrix {
  const [n] = M.shape;
  const k = columns.length;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) out[i * k + c] = M.get(i, columns[c]);
  }
  return fromArray(out, n, k);
}
