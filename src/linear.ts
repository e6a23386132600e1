/**
 * The linear step of a layer, Z = W A_prev + b, and its backward step.
 *
 * Legend: n[l] = units of layer l, m = examples (columns).
 *
 * @packageDocumentation
 */
import ops from 'ndarray-ops';
import { addColumnInPlace, scaledRowSums } from './internal/broadcast.js';
import { assertFinite, assertHasExamples, assertMatrix, assertShape, fmtShape } from './internal/check.js';
import { matmul } from './internal/gemm.js';
import { ShapeError } from './errors.js';
import type { Matrix } from './matrix.js';

/** What {@link linearForward} keeps for {@link linearBackward}: `[A_prev, W, b]`. */
export type LinearCache = [A_prev: Matrix, W: Matrix, b: Matrix];

/**
 * @internal Checks A_prev (n[l-1], m), W (n[l], n[l-1]) and b (n[l], 1) against each other,
 * naming `fn`, the public function that received them.
 */
export function checkLinear(fn: string, A: Matrix, W: Matrix, b: Matrix): void {
  assertMatrix(fn, 'A_prev', A);
  assertMatrix(fn, 'W', W);
  assertMatrix(fn, 'b', b);
  if (W.shape[1] !== A.shape[0]) {
    throw new ShapeError(fn, `W is ${fmtShape(W)} but A_prev is ${fmtShape(A)}; W's columns must equal A_prev's rows`);
  }
  assertShape(fn, 'b', b, W.shape[0], 1, `b must be a column with one entry per row of W ${fmtShape(W)}`);
  assertHasExamples(fn, 'A_prev', A);
  assertFinite(fn, 'A_prev', A);
  assertFinite(fn, 'W', W);
  assertFinite(fn, 'b', b);
}

/**
 * Z = W A_prev + b, with b added to every column.
 *
 * @param A - activations of the previous layer (or X), shape (n[l-1], m)
 * @param W - weights, shape (n[l], n[l-1])
 * @param b - bias, shape (n[l], 1)
 * @returns `[Z, cache]`: Z is (n[l], m); the cache is `[A, W, b]` (the inputs, not copies)
 * @throws {@link ShapeError} if the shapes do not fit together or A has no column
 * @throws {@link ValueError} if A, W or b holds a NaN or infinite value
 * @example
 * ```ts
 * const [Z] = linearForward(fromRows([[1], [2]]), fromRows([[3, 4]]), fromRows([[0.5]]));
 * toRows(Z); // [[11.5]]
 * ```
 */
export function linearForward(A: Matrix, W: Matrix, b: Matrix): [Z: Matrix, cache: LinearCache] {
  checkLinear('linearForward', A, W, b);
  return linearStep(A, W, b);
}

/**
 * @internal linearForward without its checks, for callers that validated the whole network
 * up front (a hidden layer may overflow to Infinity there, which is not an input error).
 */
export function linearStep(A: Matrix, W: Matrix, b: Matrix): [Z: Matrix, cache: LinearCache] {
  const Z = matmul(W, A); // (n[l], m)
  addColumnInPlace(Z, b);
  return [Z, [A, W, b]];
}

/**
 * Gradients of the linear step: dW = dZ A_prev^T / m, db = row sums of dZ / m,
 * dA_prev = W^T dZ.
 *
 * @param dZ - gradient of the cost with respect to Z, shape (n[l], m)
 * @param cache - `[A_prev, W, b]` from {@link linearForward}
 * @returns `[dA_prev, dW, db]`, shaped (n[l-1], m), (n[l], n[l-1]) and (n[l], 1)
 * @throws {@link ShapeError} if dZ does not fit the cache, or the cache is inconsistent
 * @throws {@link ValueError} if A_prev, W or b in the cache holds a NaN or infinite value
 * @example
 * ```ts
 * const A = fromRows([[1, 2]]), W = fromRows([[3]]), b = fromRows([[0]]);
 * const [dA, dW, db] = linearBackward(fromRows([[1, 1]]), [A, W, b]);
 * toRows(dA); // [[3, 3]]
 * toRows(dW); // [[1.5]]
 * toRows(db); // [[1]]
 * ```
 */
export function linearBackward(dZ: Matrix, cache: LinearCache): [dA_prev: Matrix, dW: Matrix, db: Matrix] {
  const fn = 'linearBackward';
  if (!Array.isArray(cache) || cache.length !== 3) {
    throw new ShapeError(fn, 'cache must be the [A_prev, W, b] triple that linearForward returned');
  }
  const [A, W, b] = cache;
  checkLinear(fn, A, W, b);
  assertMatrix(fn, 'dZ', dZ);
  assertShape(fn, 'dZ', dZ, W.shape[0], A.shape[1],
    `dZ needs one row per row of W ${fmtShape(W)} and one column per column of A_prev ${fmtShape(A)}`);
  const m = A.shape[1];

  const dW = matmul(dZ, A.transpose(1, 0)); // (n[l], n[l-1])
  ops.mulseq(dW, 1 / m);
  const db = scaledRowSums(dZ, 1 / m); // (n[l], 1)
  const dA = matmul(W.transpose(1, 0), dZ); // (n[l-1], m)
  return [dA, dW, db];
}
