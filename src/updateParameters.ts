/**
 * One step of gradient descent.
 *
 * @packageDocumentation
 */
import ops from 'ndarray-ops';
import { assertPositiveNumber } from './internal/check.js';
import { checkGradients, checkParameters } from './internal/checkParameters.js';
import { type Matrix, zeros } from './matrix.js';
import type { Gradients, Parameters } from './parameters.js';

/**
 * W`l` := W`l` - learningRate * dW`l` and b`l` := b`l` - learningRate * db`l` for every
 * layer, into new matrices (the inputs are left untouched).
 *
 * @param parameters - `{ W1, b1, ..., WL, bL }`
 * @param grads - at least `dW1, db1, ..., dWL, dbL`, shaped like the parameters
 *   (dA keys, as LModelBackward returns them, are allowed and ignored)
 * @param learningRate - the step size, a positive finite number
 * @returns the new parameters, same keys and shapes
 * @throws {@link ShapeError} if a gradient's shape differs from its parameter's
 * @throws {@link ValueError} if a key is missing or extra, a value is not finite, or the
 *   learning rate is not a positive finite number
 * @example
 * ```ts
 * const p = { W1: fromRows([[1, 2]]), b1: fromRows([[0]]) };
 * const g = { dW1: fromRows([[10, 10]]), db1: fromRows([[1]]) };
 * toRows(updateParameters(p, g, 0.1).W1); // [[0, 1]]
 * ```
 */
export function updateParameters(parameters: Parameters, grads: Gradients, learningRate: number): Parameters {
  const fn = 'updateParameters';
  const L = checkParameters(fn, parameters).length - 1;
  checkGradients(fn, grads, parameters, L);
  assertPositiveNumber(fn, 'learningRate', learningRate);

  const out: Record<string, Matrix> = {};
  for (let l = 1; l <= L; l++) {
    for (const key of [`W${l}`, `b${l}`] as const) {
      const P = parameters[key];
      const step = zeros(P.shape[0], P.shape[1]);
      // lr * dW first, then the subtraction: the reference's order of rounding.
      ops.muls(step, grads[`d${key}`], learningRate);
      ops.sub(step, P, step);
      out[key] = step;
    }
  }
  return out as Parameters;
}
