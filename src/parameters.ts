/**
 * The parameter and gradient dictionaries of an L-layer network.
 *
 * Legend: L = number of layers with weights; n[l] = units of layer l (n[0] = n_x, the
 * input size); m = examples.
 *
 * @packageDocumentation
 */
import type { Matrix } from './matrix.js';

/**
 * Weights and biases `{ W1, b1, ..., WL, bL }`: W`l` is (n[l], n[l-1]) and b`l` is (n[l], 1).
 */
export type Parameters = Record<`W${number}` | `b${number}`, Matrix>;

/**
 * Gradients of the cost: dA`l` for l = 0 .. L-1 (dA0 with respect to X, shaped like A[l]),
 * and dW`l`, db`l` for l = 1 .. L, shaped like W`l` and b`l`.
 */
export type Gradients = Record<`dA${number}` | `dW${number}` | `db${number}`, Matrix>;
