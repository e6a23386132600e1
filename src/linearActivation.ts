/**
 * One whole layer: the linear step followed by an activation, forward and backward.
 *
 * @packageDocumentation
 */
import { ValueError } from './errors.js';
import { type LinearCache, linearBackward, linearForward } from './linear.js';
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
 * @throws {@link ShapeError} if the shapes do not fit together
 * @throws {@link ValueError} if the activation is unknown
 * @example
 * ```ts
 * const [A] = linearActivationForward(fromRows([[1], [2]]), fromRows([[3, -4]]), fromRows([[0]]), 'relu');
 * toRows(A); // [[0]]
 * ```
 */
export function linearActivationForward(
  Aprev: Matrix, W: Matrix, b: Matrix, activation: Activation,
): [A: Matrix, cache: LinearActivationCache] {
  checkActivation('linearActivationForward', activation);
  const [Z, linearCache] = linearForward(Aprev, W, b);
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
 * @throws {@link ShapeError} if dA does not fit the cache
 * @throws {@link ValueError} if the activation is unknown
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
  if (!Array.isArray(cache) || cache.length !== 2) {
    throw new ValueError(fn, 'cache must be the [linearCache, Z] pair that linearActivationForward returned');
  }
  const [linearCache, Z] = cache;
  const dZ = activation === 'relu' ? reluBackward(dA, Z) : sigmoidBackward(dA, Z);
  return linearBackward(dZ, linearCache);
}
