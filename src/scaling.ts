/**
 * Feature scaling fitted on training data and applied unchanged to any later data, so a
 * test set is scaled with the training set's statistics.
 *
 * Legend: n_x = features (rows), m = examples (columns); every statistic is per feature,
 * an (n_x, 1) column.
 *
 * A constant feature (every value equal) gets its value as mean (or min and max), a spread
 * of 0, and is mapped to 0: dividing by 0 would give NaN, so a spread of 0 divides by 1,
 * as scikit-learn does.
 *
 * @packageDocumentation
 */
import ndarray from 'ndarray';
import { contiguousCopy, type Matrix } from './matrix.js';
import { ValueError } from './errors.js';
import {
  assertFinite, assertHasExamples, assertMatrix, assertShape,
} from './internal/check.js';

/** Standardisation statistics and the maps they define. */
export interface StandardScaler {
  /** Per-feature mean, shape (n_x, 1). */
  readonly mean: Matrix;
  /** Per-feature population standard deviation (ddof 0, as `np.std`), shape (n_x, 1). */
  readonly std: Matrix;
  /** (X - mean) / std per feature, into a new matrix; X is (n_x, any m). */
  transform(X: Matrix): Matrix;
  /** X * std + mean per feature, undoing {@link StandardScaler.transform}. */
  inverseTransform(X: Matrix): Matrix;
}

/** Min-max statistics and the maps they define. */
export interface MinMaxScaler {
  /** Per-feature minimum, shape (n_x, 1). */
  readonly min: Matrix;
  /** Per-feature maximum, shape (n_x, 1). */
  readonly max: Matrix;
  /** (X - min) / (max - min) per feature, into a new matrix: [0, 1] on the fitted data. */
  transform(X: Matrix): Matrix;
  /** X * (max - min) + min per feature, undoing {@link MinMaxScaler.transform}. */
  inverseTransform(X: Matrix): Matrix;
}

/** Row i of M as a new array. */
function row(M: Matrix, i: number): Float64Array {
  const cols = M.shape[1];
  const out = new Float64Array(cols);
  for (let j = 0; j < cols; j++) out[j] = M.get(i, j);
  return out;
}

function column(values: Float64Array): Matrix {
  return ndarray(values, [values.length, 1]);
}

function checkFit(fn: string, X: Matrix): void {
  assertMatrix(fn, 'X', X);
  assertHasExamples(fn, 'X', X);
  assertFinite(fn, 'X', X);
}

function checkStatistic(fn: string, name: string, S: Matrix, n: number | null): void {
  assertMatrix(fn, name, S);
  assertShape(fn, name, S, n, 1, 'statistics are one column of one value per feature');
  assertFinite(fn, name, S);
}

/**
 * Per row, out = (x - shift) / scale (or x * scale + shift when `inverse`), scale 0
 * taken as 1.
 */
function affine(fn: string, X: Matrix, shift: Matrix, scale: Matrix, inverse: boolean): Matrix {
  assertMatrix(fn, 'X', X);
  assertShape(fn, 'X', X, shift.shape[0], null, 'X must have one row per fitted feature');
  assertFinite(fn, 'X', X);
  const out = contiguousCopy(X);
  const d = out.data;
  const [rows, cols] = X.shape;
  for (let i = 0; i < rows; i++) {
    const a = shift.get(i, 0);
    const s = scale.get(i, 0) === 0 ? 1 : scale.get(i, 0);
    for (let k = i * cols; k < (i + 1) * cols; k++) d[k] = inverse ? d[k] * s + a : (d[k] - a) / s;
  }
  return out;
}

/**
 * A standard scaler from known statistics, e.g. ones saved with a model.
 *
 * @param mean - per-feature mean, shape (n_x, 1), finite
 * @param std - per-feature standard deviation, shape (n_x, 1), finite and >= 0
 * @returns the scaler; it keeps its own copies of the statistics
 * @throws {@link ShapeError} if the statistics are not (n_x, 1) columns of one n_x
 * @throws {@link ValueError} if a value is not finite or a std is negative
 * @example
 * ```ts
 * const s = standardScaler(fromRows([[10]]), fromRows([[2]]));
 * toRows(s.transform(fromRows([[12, 8]]))); // [[1, -1]]
 * ```
 */
export function standardScaler(mean: Matrix, std: Matrix): StandardScaler {
  const fn = 'standardScaler';
  checkStatistic(fn, 'mean', mean, null);
  checkStatistic(fn, 'std', std, mean.shape[0]);
  for (let i = 0; i < std.shape[0]; i++) {
    if (std.get(i, 0) < 0) {
      throw new ValueError(fn, `std[${i}, 0] is ${std.get(i, 0)}; a standard deviation must be >= 0`);
    }
  }
  const m = contiguousCopy(mean);
  const s = contiguousCopy(std);
  return {
    mean: m,
    std: s,
    transform: (X) => affine('StandardScaler.transform', X, m, s, false),
    inverseTransform: (X) => affine('StandardScaler.inverseTransform', X, m, s, true),
  };
}

/**
 * Fits per-feature mean and standard deviation (ddof 0, as `X.mean(axis=1)` and
 * `X.std(axis=1)` in numpy) on X.
 *
 * @param X - training inputs, shape (n_x, m), m >= 1, finite; any view
 * @returns a {@link StandardScaler} whose transform maps X to rows of mean 0 and std 1
 *   (constant rows to 0)
 * @throws {@link ShapeError} if X is not a matrix or m = 0
 * @throws {@link ValueError} if X holds NaN or an infinity
 * @example
 * ```ts
 * const scaler = fitStandardScaler(fromRows([[1, 3], [5, 5]]));
 * toRows(scaler.mean); // [[2], [5]]
 * toRows(scaler.std);  // [[1], [0]]
 * toRows(scaler.transform(fromRows([[1, 3], [5, 5]]))); // [[-1, 1], [0, 0]]
 * ```
 */
export function fitStandardScaler(X: Matrix): StandardScaler {
  checkFit('fitStandardScaler', X);
  const n = X.shape[0];
  const mean = new Float64Array(n);
  const std = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = row(X, i);
    // A constant row keeps its value as the mean exactly: sum / m can round away from it
    // and leave a tiny std that would blow the row up instead of mapping it to 0.
    if (x.every((v) => v === x[0])) {
      mean[i] = x[0];
      continue;
    }
    let sum = 0;
    for (const v of x) sum += v;
    const mu = sum / x.length;
    let squares = 0;
    for (const v of x) squares += (v - mu) * (v - mu);
    mean[i] = mu;
    std[i] = Math.sqrt(squares / x.length);
  }
  return standardScaler(column(mean), column(std));
}

/**
 * A min-max scaler from known statistics, e.g. ones saved with a model.
 *
 * @param min - per-feature minimum, shape (n_x, 1), finite
 * @param max - per-feature maximum, shape (n_x, 1), finite and >= min
 * @returns the scaler; it keeps its own copies of the statistics
 * @throws {@link ShapeError} if the statistics are not (n_x, 1) columns of one n_x
 * @throws {@link ValueError} if a value is not finite or a max is below its min
 * @example
 * ```ts
 * toRows(minMaxScaler(fromRows([[0]]), fromRows([[255]])).transform(fromRows([[51]]))); // [[0.2]]
 * ```
 */
export function minMaxScaler(min: Matrix, max: Matrix): MinMaxScaler {
  const fn = 'minMaxScaler';
  checkStatistic(fn, 'min', min, null);
  checkStatistic(fn, 'max', max, min.shape[0]);
  const lo = contiguousCopy(min);
  const range = contiguousCopy(max);
  for (let i = 0; i < lo.shape[0]; i++) {
    const r = range.get(i, 0) - lo.get(i, 0);
    if (!(r >= 0)) {
      throw new ValueError(fn, `max[${i}, 0] is ${max.get(i, 0)} but min[${i}, 0] is ${min.get(i, 0)}; ` +
        'max must be >= min');
    }
    range.set(i, 0, r);
  }
  return {
    min: lo,
    max: contiguousCopy(max),
    transform: (X) => affine('MinMaxScaler.transform', X, lo, range, false),
    inverseTransform: (X) => affine('MinMaxScaler.inverseTransform', X, lo, range, true),
  };
}

/**
 * Fits per-feature minimum and maximum on X.
 *
 * @param X - training inputs, shape (n_x, m), m >= 1, finite; any view
 * @returns a {@link MinMaxScaler} whose transform maps each row of X onto [0, 1]
 *   (constant rows to 0)
 * @throws {@link ShapeError} if X is not a matrix or m = 0
 * @throws {@link ValueError} if X holds NaN or an infinity
 * @example
 * ```ts
 * const scaler = fitMinMaxScaler(fromRows([[2, 4, 6]]));
 * toRows(scaler.transform(fromRows([[2, 4, 6, 8]]))); // [[0, 0.5, 1, 1.5]]
 * ```
 */
export function fitMinMaxScaler(X: Matrix): MinMaxScaler {
  checkFit('fitMinMaxScaler', X);
  const n = X.shape[0];
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = row(X, i);
    lo[i] = x.reduce((a, b) => Math.min(a, b));
    hi[i] = x.reduce((a, b) => Math.max(a, b));
  }
  return minMaxScaler(column(lo), column(hi));
}
