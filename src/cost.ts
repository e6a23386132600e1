/**
 * The cross-entropy cost of the reference.
 *
 * @packageDocumentation
 */
import { assertHasExamples, assertInRange, assertLabels, assertMatrix, assertSameShape } from './internal/check.js';
import { crossEntropySum } from './internal/elementwise.js';
import type { Matrix } from './matrix.js';

/**
 * J = -(1/m) sum( Y log AL + (1 - Y) log(1 - AL) ), the reference formula as written.
 *
 * A term whose weight is zero is left out rather than computed as 0 * log 0 = NaN, so an
 * AL of exactly 0 or 1 on the matching label costs nothing; the cost is +Infinity only
 * when some label's own probability is exactly 0. To keep training finite when the
 * sigmoid saturates, the trainer computes its cost from Z instead of from AL.
 *
 * @param AL - predicted probabilities, shape (1, m), each in [0, 1]
 * @param Y - labels, shape (1, m), each 0 or 1
 * @returns the cost, a number >= 0
 * @throws {@link ShapeError} if AL and Y differ in shape or m = 0
 * @throws {@link ValueError} if AL leaves [0, 1] or a label is not 0 or 1
 * @example
 * ```ts
 * computeCost(fromRows([[0.8, 0.9, 0.4]]), fromRows([[1, 1, 0]])); // 0.2797765635793422
 * ```
 */
export function computeCost(AL: Matrix, Y: Matrix): number {
  const fn = 'computeCost';
  assertMatrix(fn, 'AL', AL);
  assertMatrix(fn, 'Y', Y);
  assertSameShape(fn, 'AL', AL, 'Y', Y);
  assertHasExamples(fn, 'AL', AL);
  assertInRange(fn, 'AL', AL, 0, 1, 'probabilities');
  assertLabels(fn, 'Y', Y);
  const m = AL.shape[1];
  // Adding 0 turns the -0 of a perfect fit into 0.
  return (-1 / m) * crossEntropySum(Y, AL) + 0;
}
