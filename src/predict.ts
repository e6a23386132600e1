/**
 * Predictions of a trained network.
 *
 * @packageDocumentation
 */
import ndarray from 'ndarray';
import type { Matrix } from './matrix.js';
import { checkedForward } from './model.js';
import type { Parameters } from './parameters.js';

/**
 * Labels 1 where the network's probability is above 0.5 and 0 elsewhere (exactly 0.5
 * gives 0, as in the reference).
 *
 * @param X - inputs, shape (n_x, m), finite
 * @param parameters - `{ W1, b1, ..., WL, bL }` with W1 of shape (n[1], n_x)
 * @returns a (1, m) matrix of 0 and 1
 * @throws {@link ShapeError} if X does not fit W1 or has no column
 * @throws {@link ValueError} if a parameter key is missing or extra, or a value in X or the
 *   parameters is not finite
 * @example
 * ```ts
 * const parameters = { W1: fromRows([[1, -1]]), b1: fromRows([[0]]) };
 * toRows(predict(fromRows([[2, 0], [1, 3]]), parameters)); // [[1, 0]]
 * ```
 */
export function predict(X: Matrix, parameters: Parameters): Matrix {
  const [AL] = checkedForward('predict', X, parameters);
  return probabilitiesToLabels(AL);
}

/** 1 where p > 0.5, else 0, as a new contiguous matrix. */
function probabilitiesToLabels(P: Matrix): Matrix {
  const [rows, cols] = P.shape;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = P.get(i, j) > 0.5 ? 1 : 0;
  }
  return ndarray(out, [rows, cols]);
}

/**
 * The network's output probabilities AL, without thresholding.
 *
 * @param X - inputs, shape (n_x, m), finite
 * @param parameters - `{ W1, b1, ..., WL, bL }` with W1 of shape (n[1], n_x)
 * @returns AL, shape (n[L], m), each value in [0, 1]
 * @throws {@link ShapeError} if X does not fit W1 or has no column
 * @throws {@link ValueError} if a parameter key is missing or extra, or a value in X or the
 *   parameters is not finite
 * @example
 * ```ts
 * const parameters = { W1: fromRows([[1, -1]]), b1: fromRows([[0]]) };
 * toRows(predictProbabilities(fromRows([[0], [0]]), parameters)); // [[0.5]]
 * ```
 */
export function predictProbabilities(X: Matrix, parameters: Parameters): Matrix {
  return checkedForward('predictProbabilities', X, parameters)[0];
}
