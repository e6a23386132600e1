/**
 * The sigmoid activation and its backward step.
 *
 * @packageDocumentation
 */
import { assertHasExamples, assertMatrix, assertSameShape } from './internal/check.js';
import { sigmoidBackwardInto, sigmoidInto } from './internal/elementwise.js';
import { type Matrix, zeros } from './matrix.js';

/** What {@link sigmoid} keeps for {@link sigmoidBackward}: its input Z. */
export type ActivationCache = Matrix;

/**
 * A = 1 / (1 + exp(-Z)), elementwise.
 *
 * For Z below about -709, exp(-Z) overflows to Infinity and A rounds to exactly 0, never
 * NaN; above about 37, A rounds to exactly 1.
 *
 * @param Z - linear output, any shape (n, m)
 * @returns `[A, cache]`: A has Z's shape; the cache is Z itself
 * @throws {@link ShapeError} if Z is not a 2-D float64 matrix or has no column (m = 0)
 * @example
 * ```ts
 * const [A] = sigmoid(fromRows([[0, 2]]));
 * toRows(A); // [[0.5, 0.8807970779778823]]
 * ```
 */
export function sigmoid(Z: Matrix): [A: Matrix, cache: ActivationCache] {
  assertMatrix('sigmoid', 'Z', Z);
  assertHasExamples('sigmoid', 'Z', Z);
  const A = zeros(Z.shape[0], Z.shape[1]);
  sigmoidInto(A, Z);
  return [A, Z];
}

/**
 * dZ = dA * s * (1 - s) with s = sigmoid(Z): the gradient through the sigmoid.
 *
 * @param dA - gradient of the cost with respect to A, shape (n, m)
 * @param cache - Z from the forward step, shape (n, m)
 * @returns dZ, shape (n, m)
 * @throws {@link ShapeError} if dA and Z differ in shape or have no column (m = 0)
 * @example
 * ```ts
 * toRows(sigmoidBackward(fromRows([[1]]), fromRows([[0]]))); // [[0.25]]
 * ```
 */
export function sigmoidBackward(dA: Matrix, cache: ActivationCache): Matrix {
  assertMatrix('sigmoidBackward', 'dA', dA);
  assertMatrix('sigmoidBackward', 'cache (Z)', cache);
  assertSameShape('sigmoidBackward', 'dA', dA, 'cache (Z)', cache);
  assertHasExamples('sigmoidBackward', 'dA', dA);
  const dZ = zeros(dA.shape[0], dA.shape[1]);
  sigmoidBackwardInto(dZ, dA, cache);
  return dZ;
}
