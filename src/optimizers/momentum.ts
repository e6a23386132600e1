/**
 * Gradient descent with momentum: each step follows an exponentially weighted average
 * of the past gradients instead of the latest gradient alone.
 *
 * Legend: L = layers with weights; v = velocity, shaped like the parameters; beta = how
 * much of the old velocity each step keeps.
 *
 * @packageDocumentation
 */
import ndarray from 'ndarray';
import { contiguousCopy, type Matrix } from '../matrix.js';
import type { Gradients, Parameters } from '../parameters.js';
import { assertPositiveNumber } from '../internal/check.js';
import { assertBeta, assertLikeParameters, assertParameters } from '../internal/dictCheck.js';

/** Velocity `{ dW1, db1, ..., dWL, dbL }`, each shaped like its parameter. */
export type Velocity = Record<`dW${number}` | `db${number}`, Matrix>;

/**
 * Zero velocity for every parameter, as the course's `initialize_velocity`.
 *
 * @param parameters - `{ W1, b1, ..., WL, bL }`
 * @returns `{ dW1, db1, ..., dWL, dbL }` of zeros, shaped like W`l` and b`l`
 * @throws {@link ValueError} if a key is missing or extra, or a value is not finite
 * @throws {@link ShapeError} if the shapes do not chain
 * @example
 * ```ts
 * const v = initializeVelocity({ W1: zeros(3, 2), b1: zeros(3, 1) });
 * v.dW1.shape; // [3, 2]
 * ```
 */
export function initializeVelocity(parameters: Parameters): Velocity {
  const L = assertParameters('initializeVelocity', 'parameters', parameters);
  return zerosLike(parameters, L);
}

/** @internal zeros shaped like each parameter, keyed dW`l` / db`l`. */
export function zerosLike(parameters: Parameters, L: number): Velocity {
  const v: Record<string, Matrix> = {};
  for (let l = 1; l <= L; l++) {
    for (const p of ['W', 'b']) {
      const [r, c] = parameters[`${p}${l}` as `W${number}`].shape;
      v[`d${p}${l}`] = ndarray(new Float64Array(r * c), [r, c]);
    }
  }
  return v as Velocity;
}

/**
 * One step of momentum, as the course's `update_parameters_with_momentum`:
 * v = beta v + (1 - beta) dW, then W = W - learningRate v (and likewise for b).
 *
 * @param parameters - `{ W1, b1, ..., WL, bL }`
 * @param grads - gradients with dW`l`, db`l` shaped like W`l`, b`l` (dA keys are ignored)
 * @param v - the velocity from {@link initializeVelocity} or the previous step
 * @param beta - momentum, in [0, 1); the course uses 0.9 (beta = 0 is plain gradient descent)
 * @param learningRate - step size, a positive finite number
 * @returns `[parameters, v]`, both new objects; the inputs are not modified
 * @throws {@link ValueError} for a missing or extra key, a non-finite value, beta outside
 *   [0, 1) or a learning rate that is not positive
 * @throws {@link ShapeError} if a gradient or velocity is not shaped like its parameter
 * @see deeplearning.ai, Improving Deep Neural Networks, "Optimization Methods"
 * @example
 * ```ts
 * const p = { W1: fromRows([[1]]), b1: fromRows([[0]]) };
 * const g = { dW1: fromRows([[1]]), db1: fromRows([[2]]) };
 * const [p1, v1] = updateParametersWithMomentum(p, g, initializeVelocity(p), 0.9, 0.1);
 * toRows(v1.dW1); // [[0.09999999999999998]]
 * toRows(p1.W1);  // [[0.99]]
 * ```
 */
export function updateParametersWithMomentum(
  parameters: Parameters, grads: Gradients, v: Velocity, beta: number, learningRate: number,
): [Parameters, Velocity] {
  const fn = 'updateParametersWithMomentum';
  const L = assertParameters(fn, 'parameters', parameters);
  assertLikeParameters(fn, 'grads', grads, parameters, L, false);
  assertLikeParameters(fn, 'v', v, parameters, L, true);
  assertBeta(fn, 'beta', beta);
  assertPositiveNumber(fn, 'learningRate', learningRate);

  const newParameters: Record<string, Matrix> = {};
  const newV: Record<string, Matrix> = {};
  for (let l = 1; l <= L; l++) {
    for (const p of ['W', 'b']) {
      const P = parameters[`${p}${l}` as `W${number}`];
      const g = contiguousCopy(grads[`d${p}${l}` as `dW${number}`]).data;
      const out = contiguousCopy(P);
      const vel = contiguousCopy(v[`d${p}${l}` as `dW${number}`]);
      const w = out.data;
      const vd = vel.data;
      for (let k = 0; k < w.length; k++) {
        vd[k] = beta * vd[k] + (1 - beta) * g[k];
        w[k] = w[k] - learningRate * vd[k];
      }
      newParameters[`${p}${l}`] = out;
      newV[`d${p}${l}`] = vel;
    }
  }
  return [newParameters as Parameters, newV as Velocity];
}
