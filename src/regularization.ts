/**
 * L2 regularisation: a penalty (lambd / 2m) sum ||W`l`||^2 on the weights added to the
 * cost, and its derivative (lambd / m) W`l` added to each dW`l`. Biases are not penalised.
 *
 * Legend: m = examples; lambd = the regularisation strength (the course's spelling, since
 * `lambda` is reserved in Python).
 *
 * @packageDocumentation
 */
import ndarray from 'ndarray';
import { contiguousCopy, type Matrix } from './matrix.js';
import type { Gradients, Parameters } from './parameters.js';
import { ValueError } from './errors.js';
import {
  assertFinite, assertHasExamples, assertInRange, assertInteger, assertLabels, assertMatrix,
  assertSameShape, assertShape,
} from './internal/check.js';
import { assertLikeParameters, assertParameters } from './internal/dictCheck.js';
import { crossEntropySum } from './internal/elementwise.js';

function assertLambd(fn: string, lambd: unknown): asserts lambd is number {
  if (typeof lambd !== 'number' || !Number.isFinite(lambd) || lambd < 0) {
    throw new ValueError(fn, `lambd is ${typeof lambd === 'number' ? String(lambd) : typeof lambd}; ` +
      'it must be a finite number >= 0');
  }
}

function sumOfSquares(W: Matrix): number {
  const d = contiguousCopy(W).data;
  let s = 0;
  for (let k = 0; k < d.length; k++) s += d[k] * d[k];
  return s;
}

/**
 * The L2 penalty alone: (1 / m) (lambd / 2) sum over layers of the sum of W`l` squared,
 * as the course's `L2_regularization_cost`.
 *
 * @param parameters - `{ W1, b1, ..., WL, bL }`
 * @param lambd - regularisation strength, a finite number >= 0
 * @param m - number of examples the cost averages over, an integer >= 1
 * @returns the penalty, >= 0
 * @throws {@link ValueError} for a bad key, a non-finite weight, lambd < 0 or m < 1
 * @throws {@link ShapeError} if the parameter shapes do not chain
 * @example
 * ```ts
 * l2CostTerm({ W1: fromRows([[1, 2]]), b1: fromRows([[5]]) }, 0.1, 5); // 0.05000000000000001
 * ```
 */
export function l2CostTerm(parameters: Parameters, lambd: number, m: number): number {
  const fn = 'l2CostTerm';
  const L = assertParameters(fn, 'parameters', parameters);
  assertLambd(fn, lambd);
  assertInteger(fn, 'm', m, 1);
  return penalty(parameters, L, lambd, m);
}

function penalty(parameters: Parameters, L: number, lambd: number, m: number): number {
  let total = 0;
  for (let l = 1; l <= L; l++) total += sumOfSquares(parameters[`W${l}`]);
  return (1 / m) * (lambd / 2) * total;
}

/**
 * The cross-entropy cost plus the L2 penalty, as the course's
 * `compute_cost_with_regularization`:
 * -(1/m) sum(Y log AL + (1 - Y) log(1 - AL)) + (1/m)(lambd/2) sum ||W`l`||^2.
 *
 * A label whose weight is exactly 0 contributes nothing, so AL of exactly 0 or 1 costs
 * +Infinity only where the label gives that probability to the wrong class.
 *
 * @param AL - predicted probabilities, shape (1, m), values in [0, 1]
 * @param Y - labels, shape (1, m), values 0 or 1
 * @param parameters - `{ W1, b1, ..., WL, bL }` whose weights are penalised
 * @param lambd - regularisation strength, a finite number >= 0 (0: plain cross-entropy)
 * @returns the regularised cost
 * @throws {@link ShapeError} if AL or Y is not (1, m) with m >= 1, or they differ
 * @throws {@link ValueError} for labels outside {0, 1}, AL outside [0, 1], a bad parameter
 *   key or value, or lambd < 0
 * @example
 * ```ts
 * const AL = fromRows([[0.5, 0.5]]);
 * const Y = fromRows([[1, 0]]);
 * computeCostWithRegularization(AL, Y, { W1: fromRows([[2]]), b1: fromRows([[0]]) }, 0.1);
 * // 0.7931471805599453 = log 2 + 0.1
 * ```
 */
export function computeCostWithRegularization(
  AL: Matrix, Y: Matrix, parameters: Parameters, lambd: number,
): number {
  const fn = 'computeCostWithRegularization';
  assertMatrix(fn, 'AL', AL);
  assertMatrix(fn, 'Y', Y);
  assertShape(fn, 'AL', AL, 1, null, 'AL holds one probability per example');
  assertSameShape(fn, 'AL', AL, 'Y', Y);
  assertHasExamples(fn, 'AL', AL);
  assertInRange(fn, 'AL', AL, 0, 1, 'probabilities');
  assertLabels(fn, 'Y', Y);
  const L = assertParameters(fn, 'parameters', parameters);
  assertLambd(fn, lambd);

  const m = AL.shape[1];
  const crossEntropyCost = -crossEntropySum(Y, AL) / m;
  return crossEntropyCost + penalty(parameters, L, lambd, m);
}

/**
 * The derivative of the L2 penalty with respect to one weight matrix, (lambd / m) W.
 *
 * @param W - a weight matrix W`l`, shape (n[l], n[l-1]); any view
 * @param lambd - regularisation strength, a finite number >= 0
 * @param m - number of examples, an integer >= 1
 * @returns a new matrix shaped like W
 * @throws {@link ShapeError} if W is not a matrix
 * @throws {@link ValueError} if W is not finite, lambd < 0 or m < 1
 * @example
 * ```ts
 * toRows(l2GradientTerm(fromRows([[1, -2]]), 0.5, 5)); // [[0.1, -0.2]]
 * ```
 */
export function l2GradientTerm(W: Matrix, lambd: number, m: number): Matrix {
  const fn = 'l2GradientTerm';
  assertMatrix(fn, 'W', W);
  assertFinite(fn, 'W', W);
  assertLambd(fn, lambd);
  assertInteger(fn, 'm', m, 1);
  return scaled(W, lambd / m, null);
}

/** (scale * W) + base, elementwise, into a new contiguous matrix; base may be null. */
function scaled(W: Matrix, scale: number, base: Matrix | null): Matrix {
  const w = contiguousCopy(W).data;
  const out = base === null ? new Float64Array(w.length) : contiguousCopy(base).data;
  for (let k = 0; k < w.length; k++) out[k] = out[k] + scale * w[k];
  return ndarray(out, W.shape.slice());
}

/**
 * Gradients with the L2 term added to every weight gradient, dW`l` + (lambd / m) W`l`, as
 * the course's `backward_propagation_with_regularization` adds it.
 *
 * @param grads - gradients with dW`l`, db`l` (and optionally dA`l`) for every layer
 * @param parameters - `{ W1, b1, ..., WL, bL }`
 * @param lambd - regularisation strength, a finite number >= 0
 * @param m - number of examples, an integer >= 1
 * @returns a new gradient object: new dW`l` matrices; db`l` and dA`l` are the same
 *   (unmodified) matrices as in `grads`
 * @throws {@link ValueError} for a missing or extra key, a non-finite value, lambd < 0, m < 1
 * @throws {@link ShapeError} if a gradient is not shaped like its parameter
 * @example
 * ```ts
 * const p = { W1: fromRows([[1, -2]]), b1: fromRows([[0]]) };
 * const g = { dW1: fromRows([[1, 1]]), db1: fromRows([[3]]) };
 * toRows(addL2ToGradients(g, p, 0.5, 5).dW1); // [[1.1, 0.8]]
 * ```
 */
export function addL2ToGradients(
  grads: Gradients, parameters: Parameters, lambd: number, m: number,
): Gradients {
  const fn = 'addL2ToGradients';
  const L = assertParameters(fn, 'parameters', parameters);
  assertLikeParameters(fn, 'grads', grads, parameters, L, false);
  assertLambd(fn, lambd);
  assertInteger(fn, 'm', m, 1);

  const out: Record<string, Matrix> = { ...grads };
  for (let l = 1; l <= L; l++) {
    out[`dW${l}`] = scaled(parameters[`W${l}`], lambd / m, grads[`dW${l}`]);
  }
  return out as Gradients;
}
