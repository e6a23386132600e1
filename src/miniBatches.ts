/**
 * Random mini-batches: the examples (columns) shuffled by a seeded permutation, then cut
 * into consecutive batches.
 *
 * Legend: n_x = input features; m = examples; the label rows of Y travel with the columns.
 *
 * @packageDocumentation
 */
import ndarray from 'ndarray';
import type { Matrix } from './matrix.js';
import { assertHasExamples, assertInteger, assertMatrix, fmtShape } from './internal/check.js';
import { ShapeError, ValueError } from './errors.js';
import { createRng, type Rng } from './random.js';

/** One mini-batch: `[Xbatch, Ybatch]`, shapes (n_x, mb) and (rows of Y, mb). */
export type MiniBatch = [Matrix, Matrix];

/**
 * Shuffles the columns of X and Y together and cuts them into batches of `miniBatchSize`,
 * the last one shorter when `miniBatchSize` does not divide m, as the course's
 * `random_mini_batches`: `np.random.seed(seed)`, `permutation = list(np.random.permutation(m))`.
 * The same seed gives numpy's column order exactly.
 *
 * @param X - inputs, shape (n_x, m), m >= 1; any view
 * @param Y - labels, shape (1, m) (any number of rows is accepted), same m as X
 * @param miniBatchSize - examples per batch, an integer >= 1
 * @param seed - seed of the permutation, an integer in [0, 2^32 - 1]; ignored when `rng` is given
 * @param rng - a generator to draw the permutation from instead of a fresh `createRng(seed)`,
 *   for a trainer that reshuffles every epoch from one stream
 * @returns `[Xbatch, Ybatch]` pairs, new contiguous matrices, in batch order
 * @throws {@link ShapeError} if X or Y is not a matrix, they differ in m, or m = 0
 * @throws {@link ValueError} if `miniBatchSize` is not a positive integer or the seed is invalid
 * @see numpy `numpy.random.permutation` (legacy RandomState)
 * @example
 * ```ts
 * const X = fromRows([[0, 1, 2, 3, 4]]);
 * const Y = fromRows([[0, 1, 0, 1, 0]]);
 * randomMiniBatches(X, Y, 2, 0).map(([Xb]) => toRows(Xb)); // [[[2, 0]], [[1, 3]], [[4]]]
 * ```
 */
export function randomMiniBatches(
  X: Matrix, Y: Matrix, miniBatchSize = 64, seed = 0, rng?: Rng,
): MiniBatch[] {
  const fn = 'randomMiniBatches';
  assertMatrix(fn, 'X', X);
  assertMatrix(fn, 'Y', Y);
  if (Y.shape[1] !== X.shape[1]) {
    throw new ShapeError(fn, `X is ${fmtShape(X)} but Y is ${fmtShape(Y)}; ` +
      'they must have the same number of columns (examples)');
  }
  assertHasExamples(fn, 'X', X);
  assertInteger(fn, 'miniBatchSize', miniBatchSize, 1);
  if (rng !== undefined && (rng === null || typeof rng.permutation !== 'function')) {
    throw new ValueError(fn, 'rng must be an Rng such as createRng(seed) returns');
  }

  const m = X.shape[1];
  const permutation = (rng ?? createRng(seed)).permutation(m);
  const batches: MiniBatch[] = [];
  for (let start = 0; start < m; start += miniBatchSize) {
    const columns = permutation.slice(start, Math.min(start + miniBatchSize, m));
    batches.push([gatherColumns(X, columns), gatherColumns(Y, columns)]);
  }
  return batches;
}

/** A new (rows, columns.length) matrix of the given columns of M, in that order. */
function gatherColumns(M: Matrix, columns: readonly number[]): Matrix {
  const rows = M.shape[0];
  const cols = columns.length;
  const [s0, s1] = M.stride;
  const src = M.data;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const rowStart = M.offset + i * s0;
    for (let j = 0; j < cols; j++) out[i * cols + j] = src[rowStart + columns[j] * s1];
  }
  return ndarray(out, [rows, cols]);
}
