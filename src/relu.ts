/**
 * The ReLU activation and its backward step.
 *
 * @packageDocumentation
 */
import { assertHasExamples, assertMatrix, assertSameShape } from './internal/check.js';
import { reluBackwardInto, reluInto } from './internal/elementwise.js';
import { type Matrix, zeros } from './matrix.js';
import type { ActivationCache } from './sigmoid.js';

/**
 * A = max(0, Z), elementwise. Z = 0 maps to 0.
 *
 * @param Z - linear output, shape (n, m)
 * @returns `[A, cache]`: A has Z's shape; the cache is Z itself
 * @throws {@link ShapeError} if Z is not a 2-D float64 matrix or has no column (m = 0)
 * @example
 * ```ts
 * const [A] = relu(fromRows([[-1, 0, 2]]));
 * toRows(A); // [[0, 0, 2]]
 * ```
 */
export function relu(Z: Matrix): [A: Matrix, cache: ActivationCache] {
  assertMatrix('relu', 'Z', Z);
  assertHasExamples('relu', 'Z', Z);
  const A = zeros(Z.shape[0], Z.shape[1]);
  reluInto(A, Z);
  return [A, Z];
}

/**
 * dZ = dA where Z > 0 and 0 elsewhere: the gradient through ReLU (taken as 0 at Z = 0,
 * as the reference does).
 *
 * @param dA - gradient of the cost with respect to A, shape (n, m)
 * @param cache - Z from the forward step, shape (n, m)
 * @returns dZ, shape (n, m)
 * @throws {@link ShapeError} if dA and Z differ in shape or have no column (m = 0)
 * @example
 * ```ts
 * toRows(reluBackward(fromRows([[5, 5]]), fromRows([[-1, 3]]))); // [[0, 5]]
 * ```
 */
export function reluBackward(dA: Matrix, cache: ActivationCache): Matrix {
  assertMatrix('reluBackward', 'dA', dA);
  assertMatrix('reluBackward', 'cache (Z)', cache);
  assertSameShape('reluBackward', 'dA', dA, 'cache (Z)', cache);
  assertHasExamples('reluBackward', 'dA', dA);
  const dZ = zeros(dA.shape[0], dA.shape[1]);
  reluBackwardInto(dZ, dA, cache);
  return dZ;
}
