/**
 * One whole layer: the linear step followed by an activation, forward and backward.
 *
 * @packageDocumentation
 */
import { ValueError } from './errors.js';
import { assertMatrix, assertSameShape, assertShape, fmtShape } from './internal/check.js';
import { type LinearCache, checkLinear, linearBackward, linearStep } from './linear.js';
import type { Matrix } from './matrix.js';
import { relu, reluBackward } from './relu.js';
import { type ActivationCache, sigmoid, sigmoidBackward } from './sigmoid.js';

/** The activations a layer can use. */
export type Activation = 'relu' | 'sigmoid';

/** What one layer keeps for its backward step: `[linearCache, Z]`. */
export type LinearActivationCache = [linearCache: LinearCache, activationCache: ActivationCache];

function checkActivation(fn: string, activation: unknown): asserts activation is Activation {
  if (activation !== 'relu' && activation !== 'sigmoid') {
    throw new ValueError(fn, `activation is ${JSON.stringify(activation)}; it must be 'relu' or 'sigmoid'`);
  }
}

/**
 * A = g(W A_prev + b) for g = ReLU or sigmoid.
 *
 * @param Aprev - activations of the previous layer (or X), shape (n[l-1], m)
 * @param W - weights, shape (n[l], n[l-1])
 * @param b - bias, shape (n[l], 1)
 * @param activation - `'relu'` or `'sigmoid'`
 * @returns `[A, cache]`: A is (n[l], m); the cache is `[[Aprev, W, b], Z]`
 * @throws {@link ShapeError} if the shapes do not fit together or Aprev has no column
 * @throws {@link ValueError} if the activation is unknown or a value is not finite
 * @example
 * ```ts
 * const [A] = linearActivationForward(fromRows([[1], [2]]), fromRows([[3, -4]]), fromRows([[0]]), 'relu');
 * toRows(A); // [[0]]
 * ```
 */
export function linearActivationForward(
  Aprev: Matrix, W: Matrix, b: Matrix, activation: Activation,
): [A: Matrix, cache: LinearActivationCache] {
  const fn = 'linearActivationForward';
  checkActivation(fn, activation);
  checkLinear(fn, Aprev, W, b);
  const [Z, linearCache] = linearStep(Aprev, W, b);
  const [A, activationCache] = activation === 'relu' ? relu(Z) : sigmoid(Z);
  return [A, [linearCache, activationCache]];
}

/**
 * Gradients of one layer: back through the activation, then through the linear step.
 *
 * @param dA - gradient of the cost with respect to this layer's A, shape (n[l], m)
 * @param cache - `[linearCache, Z]` from {@link linearActivationForward}
 * @param activation - the activation the forward step used
 * @returns `[dA_prev, dW, db]`, shaped (n[l-1], m), (n[l], n[l-1]) and (n[l], 1)
 * @throws {@link ShapeError} if dA does not fit the cache or the cache is inconsistent
 * @throws {@link ValueError} if the activation is unknown, the cache is malformed or A_prev,
 *   W or b in it is not finite
 * @example
 * ```ts
 * const [A, cache] = linearActivationForward(fromRows([[1, 2]]), fromRows([[1]]), fromRows([[0]]), 'sigmoid');
 * const [dAprev, dW, db] = linearActivationBackward(fromRows([[1, 1]]), cache, 'sigmoid');
 * toRows(db); // [[0.15080275932249423]] (mean of s(1 - s) at Z = 1 and 2)
 * ```
 */
export function linearActivationBackward(
  dA: Matrix, cache: LinearActivationCache, activation: Activation,
): [dA_prev: Matrix, dW: Matrix, db: Matrix] {
  const fn = 'linearActivationBackward';
  checkActivation(fn, activation);
  if (!Array.isArray(cache) || cache.length !== 2 || !Array.isArray(cache[0]) || cache[0].length !== 3) {
    throw new ValueError(fn, 'cache must be the [[A_prev, W, b], Z] pair that linearActivationForward returned');
  }
  const [linearCache, Z] = cache;
  // Checked here so errors name this function rather than the steps below.
  const [A, W, b] = linearCache;
  checkLinear(fn, A, W, b);
  assertMatrix(fn, 'cache Z', Z);
  assertShape(fn, 'cache Z', Z, W.shape[0], A.shape[1],
    `Z has one row per row of W ${fmtShape(W)} and one column per column of A_prev ${fmtShape(A)}`);
  assertMatrix(fn, 'dA', dA);
  assertSameShape(fn, 'dA', dA, 'cache Z', Z);
  const dZ = activation === 'relu' ? reluBackward(dA, Z) : sigmoidBackward(dA, Z);
  return linearBackward(dZ, linearCache);
}
