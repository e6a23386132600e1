/**
 * Holding out part of the training columns for validation.
 *
 * @packageDocumentation
 */
import ndarray from 'ndarray';
import { ValueError } from './errors.js';
import { assertHasExamples, assertLabels, assertMatrix, assertShape, fmtShape } from './internal/check.js';
import type { Matrix } from './matrix.js';
import { createRng } from './random.js';

/** Options of {@link splitTrainValidation}. */
export interface SplitOptions {
  /** Share of the columns held out for validation, in (0, 1). Default 0.2. */
  fraction?: number;
  /** Seed of the numpy-compatible permutation that picks the held-out columns. Default 0. */
  seed?: number;
  /**
   * Hold out the same share of each label, so a data set sorted by class (as an image
   * folder is) still gives a validation set with both classes. Default true.
   */
  stratify?: boolean;
}

/** The two parts {@link splitTrainValidation} returns, and which columns went where. */
export interface TrainValidationSplit {
  /** Training inputs, (n_x, m - k). */
  X: Matrix;
  /** Training labels, (1, m - k). */
  Y: Matrix;
  /** Held-out inputs, (n_x, k). */
  Xval: Matrix;
  /** Held-out labels, (1, k). */
  Yval: Matrix;
  /** Columns of the original X kept for training, in the order they appear in `X`. */
  trainColumns: number[];
  /** Columns of the original X held out, in the order they appear in `Xval`. */
  validationColumns: number[];
}

/**
 * Splits the examples (columns) of X and Y into a training part and a held-out validation
 * part, chosen by a seeded permutation so the split is the same on every machine. With
 * stratification, round(fraction * count) columns of each label are held out (at least
 * one of each label that has two or more examples).
 *
 * @param X - inputs, shape (n_x, m)
 * @param Y - labels 0 or 1, shape (1, m)
 * @param options - fraction, seed and stratify; see {@link SplitOptions}
 * @returns the two parts as new contiguous matrices, and the columns each took
 * @throws {@link ShapeError} if Y is not (1, m) or m < 2
 * @throws {@link ValueError} if a label is not 0 or 1, or the fraction is outside (0, 1)
 * @example
 * ```ts
 * const X = fromRows([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
 * const Y = fromRows([[1, 1, 1, 1, 1, 0, 0, 0, 0, 0]]);
 * const { Y: Ytrain, Yval } = splitTrainValidation(X, Y, { fraction: 0.2, seed: 0 });
 * Ytrain.shape;     // [1, 8]
 * toRows(Yval)[0];  // [1, 0]
 * ```
 */
export function splitTrainValidation(X: Matrix, Y: Matrix, options: SplitOptions = {}): TrainValidationSplit {
  const fn = 'splitTrainValidation';
  assertMatrix(fn, 'X', X);
  assertMatrix(fn, 'Y', Y);
  assertShape(fn, 'Y', Y, 1, X.shape[1], `Y must be one row with one label per column of X ${fmtShape(X)}`);
  assertHasExamples(fn, 'X', X);
  assertLabels(fn, 'Y', Y);
  const { fraction = 0.2, seed = 0, stratify = true } = options;
  if (typeof fraction !== 'number' || !(fraction > 0 && fraction < 1)) {
    throw new ValueError(fn, `options.fraction is ${String(fraction)}; it must lie in (0, 1)`);
  }
  const m = X.shape[1];
  const order = createRng(seed).permutation(m);
  const groups = stratify ? [order.filter((j) => Y.get(0, j) === 1), order.filter((j) => Y.get(0, j) === 0)] : [order];
  const held = new Set<number>();
  for (const group of groups) {
    const k = group.length < 2 ? 0 : Math.min(group.length - 1, Math.max(1, Math.round(fraction * group.length)));
    for (const j of group.slice(0, k)) held.add(j);
  }
  if (held.size === 0 || held.size === m) {
    throw new ValueError(fn, `X has ${m} column(s); holding out a share ${fraction} of them leaves ` +
      'an empty part; it needs more examples');
  }
  const validationColumns = order.filter((j) => held.has(j));
  const trainColumns = order.filter((j) => !held.has(j)).sort((a, b) => a - b);
  validationColumns.sort((a, b) => a - b);
  return {
    X: columns(X, trainColumns), Y: columns(Y, trainColumns),
    Xval: columns(X, validationColumns), Yval: columns(Y, validationColumns),
    trainColumns, validationColumns,
  };
}

/** The given columns of M as a new contiguous matrix. */
function columns(M: Matrix, cols: number[]): Matrix {
  const rows = M.shape[0];
  const out = new Float64Array(rows * cols.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols.length; j++) out[i * cols.length + j] = M.get(i, cols[j]);
  }
  return ndarray(out, [rows, cols.length]);
}
