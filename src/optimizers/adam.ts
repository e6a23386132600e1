/**
 * Adam: momentum on the gradient (v) and RMSProp on its square (s), both corrected for
 * their zero start.
 *
 * Legend: L = layers with weights; v, s = first and second moment estimates, shaped like
 * the parameters; t = number of Adam steps taken, counting this one.
 *
 * @packageDocumentation
 */
import { contiguousCopy, type Matrix } from '../matrix.js';
import type { Gradients, Parameters } from '../parameters.js';
import { assertInteger, assertPositiveNumber } from '../internal/check.js';
import { assertBeta, assertLikeParameters, assertParameters } from '../internal/dictCheck.js';
import { zerosLike, type Velocity } from './momentum.js';

/** A moment estimate `{ dW1, db1, ..., dWL, dbL }`, each shaped like its parameter. */
export type AdamMoment = Velocity;

/**
 * Zero first and second moments, as the course's `initialize_adam`.
 *
 * @param parameters - `{ W1, b1, ..., WL, bL }`
 * @returns `[v, s]`, each `{ dW1, db1, ..., dWL, dbL }` of zeros shaped like the parameters
 * @throws {@link ValueError} if a key is missing or extra, or a value is not finite
 * @throws {@link ShapeError} if the shapes do not chain
 * @example
 * ```ts
 * const [v, s] = initializeAdam({ W1: zeros(3, 2), b1: zeros(3, 1) });
 * s.db1.shape; // [3, 1]
 * ```
 */
export function initializeAdam(parameters: Parameters): [AdamMoment, AdamMoment] {
  const L = assertParameters('initializeAdam', 'parameters', parameters);
  return [zerosLike(parameters, L), zerosLike(parameters, L)];
}

/**
 * One Adam step, as the course's `update_parameters_with_adam`:
 * v = beta1 v + (1 - beta1) dW, vCorrected = v / (1 - beta1^t),
 * s = beta2 s + (1 - beta2) dW^2, sCorrected = s / (1 - beta2^t),
 * W = W - learningRate vCorrected / (sqrt(sCorrected) + epsilon), and likewise for b.
 *
 * The returned v and s are the uncorrected moments, to be passed to the next step with t + 1.
 *
 * @param parameters - `{ W1, b1, ..., WL, bL }`
 * @param grads - gradients with dW`l`, db`l` shaped like W`l`, b`l` (dA keys are ignored)
 * @param v - first moment from {@link initializeAdam} or the previous step
 * @param s - second moment from {@link initializeAdam} or the previous step
 * @param t - the Adam step count, an integer >= 1 (1 on the first step)
 * @param learningRate - step size, a positive finite number
 * @param beta1 - decay of the first moment, in [0, 1)
 * @param beta2 - decay of the second moment, in [0, 1)
 * @param epsilon - added to the denominator so it never is 0, a positive finite number
 * @returns `[parameters, v, s]`, all new objects; the inputs are not modified
 * @throws {@link ValueError} for a missing or extra key, a non-finite value, t < 1 or not an
 *   integer, a beta outside [0, 1), a learning rate or epsilon that is not positive
 * @throws {@link ShapeError} if a gradient or moment is not shaped like its parameter
 * @see D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015.
 * @example
 * ```ts
 * const p = { W1: fromRows([[1]]), b1: fromRows([[0]]) };
 * const g = { dW1: fromRows([[0.5]]), db1: fromRows([[-2]]) };
 * const [v0, s0] = initializeAdam(p);
 * const [p1] = updateParametersWithAdam(p, g, v0, s0, 1, 0.01);
 * toRows(p1.W1); // [[0.9900000002]]: a step of about learningRate against the gradient's sign
 * ```
 */
export function updateParametersWithAdam(
  parameters: Parameters, grads: Gradients, v: AdamMoment, s: AdamMoment, t: number,
  learningRate = 0.01, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8,
): [Parameters, AdamMoment, AdamMoment] {
  const fn = 'updateParametersWithAdam';
  const L = assertParameters(fn, 'parameters', parameters);
  assertLikeParameters(fn, 'grads', grads, parameters, L, false);
  assertLikeParameters(fn, 'v', v, parameters, L, true);
  assertLikeParameters(fn, 's', s, parameters, L, true);
  assertInteger(fn, 't', t, 1);
  assertPositiveNumber(fn, 'learningRate', learningRate);
  assertBeta(fn, 'beta1', beta1);
  assertBeta(fn, 'beta2', beta2);
  assertPositiveNumber(fn, 'epsilon', epsilon);

  // Python's float ** int and Math.pow both round the exact power once for these inputs.
  const c1 = 1 - beta1 ** t;
  const c2 = 1 - beta2 ** t;
  const newParameters: Record<string, Matrix> = {};
  const newV: Record<string, Matrix> = {};
  const newS: Record<string, Matrix> = {};
  for (let l = 1; l <= L; l++) {
    for (const p of ['W', 'b']) {
      const key = `d${p}${l}` as `dW${number}`;
      const g = contiguousCopy(grads[key]).data;
      const out = contiguousCopy(parameters[`${p}${l}` as `W${number}`]);
      const vm = contiguousCopy(v[key]);
      const sm = contiguousCopy(s[key]);
      const w = out.data;
      const vd = vm.data;
      const sd = sm.data;
      for (let k = 0; k < w.length; k++) {
        vd[k] = beta1 * vd[k] + (1 - beta1) * g[k];
        sd[k] = beta2 * sd[k] + (1 - beta2) * (g[k] * g[k]);
        const vCorrected = vd[k] / c1;
        const sCorrected = sd[k] / c2;
        // (learningRate * vCorrected) / ..., grouped as Python evaluates the course's line.
        w[k] = w[k] - (learningRate * vCorrected) / (Math.sqrt(sCorrected) + epsilon);
      }
      newParameters[`${p}${l}`] = out;
      newV[key] = vm;
      newS[key] = sm;
    }
  }
  return [newParameters as Parameters, newV as AdamMoment, newS as AdamMoment];
}
