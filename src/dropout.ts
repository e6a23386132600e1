/**
 * Inverted dropout: during training each unit of an activation is kept with probability
 * keepProb and the kept ones are divided by keepProb, so the expected activation is
 * unchanged and nothing needs rescaling at prediction time.
 *
 * Legend: A = activations of one layer, shape (n[l], m); D = the 0/1 mask, same shape.
 *
 * @packageDocumentation
 */
import ndarray from 'ndarray';
import { contiguousCopy, type Matrix } from './matrix.js';
import { ValueError } from './errors.js';
import { assertFinite, assertMatrix, assertSameShape } from './internal/check.js';
import type { Rng } from './random.js';

function assertKeepProb(fn: string, keepProb: unknown): asserts keepProb is number {
  if (typeof keepProb !== 'number' || !(keepProb > 0 && keepProb <= 1)) {
    const shown = typeof keepProb === 'number' ? String(keepProb) : typeof keepProb;
    throw new ValueError(fn, `keepProb is ${shown}; ` +
      'it must be a number in (0, 1]');
  }
}

/**
 * Drops units of A at random, as the course's forward step:
 * `D = np.random.rand(*A.shape); D = (D < keep_prob).astype(int); A = A * D; A = A / keep_prob`.
 * The uniforms are drawn row by row from `rng`, so `createRng(s)` gives the mask of
 * `np.random.seed(s)` exactly.
 *
 * @param A - activations, shape (n[l], m); any view
 * @param keepProb - probability of keeping a unit, in (0, 1]; 1 keeps every unit
 * @param rng - the generator the mask is drawn from; it advances by n[l] * m uniforms
 * @returns `[Adrop, D]`: the masked and rescaled activations and the 0/1 mask, both new
 *   (n[l], m) matrices; keep D for {@link dropoutBackward}
 * @throws {@link ShapeError} if A is not a matrix
 * @throws {@link ValueError} if A is not finite, keepProb is outside (0, 1] or rng is not an Rng
 * @example
 * ```ts
 * const [Adrop, D] = dropoutForward(fromRows([[1, 2, 3, 4]]), 0.5, createRng(1));
 * toRows(D);     // [[1, 0, 1, 1]]
 * toRows(Adrop); // [[2, 0, 6, 8]]
 * ```
 */
export function dropoutForward(A: Matrix, keepProb: number, rng: Rng): [Matrix, Matrix] {
  const fn = 'dropoutForward';
  assertMatrix(fn, 'A', A);
  assertFinite(fn, 'A', A);
  assertKeepProb(fn, keepProb);
  if (rng === null || typeof rng !== 'object' || typeof rng.rand !== 'function') {
    throw new ValueError(fn, 'rng must be an Rng such as createRng(seed) returns');
  }

  const [rows, cols] = A.shape;
  const D = rng.rand(rows, cols);
  const d = D.data;
  for (let k = 0; k < d.length; k++) d[k] = d[k] < keepProb ? 1 : 0;
  const out = contiguousCopy(A).data;
  for (let k = 0; k < out.length; k++) out[k] = (out[k] * d[k]) / keepProb;
  return [ndarray(out, [rows, cols]), D];
}

/**
 * The gradient through inverted dropout, as the course's backward step: dA * D / keepProb,
 * so dropped units pass no gradient.
 *
 * @param dA - gradient with respect to the dropped-out activations, shape (n[l], m)
 * @param D - the 0/1 mask that {@link dropoutForward} returned, same shape
 * @param keepProb - the keepProb of the forward step, in (0, 1]
 * @returns a new (n[l], m) matrix
 * @throws {@link ShapeError} if dA and D are not matrices of one shape
 * @throws {@link ValueError} if dA is not finite, D holds a value other than 0 or 1, or
 *   keepProb is outside (0, 1]
 * @example
 * ```ts
 * toRows(dropoutBackward(fromRows([[1, 1, 1]]), fromRows([[1, 0, 1]]), 0.5)); // [[2, 0, 2]]
 * ```
 */
export function dropoutBackward(dA: Matrix, D: Matrix, keepProb: number): Matrix {
  const fn = 'dropoutBackward';
  assertMatrix(fn, 'dA', dA);
  assertMatrix(fn, 'D', D);
  assertSameShape(fn, 'dA', dA, 'D', D);
  assertFinite(fn, 'dA', dA);
  assertKeepProb(fn, keepProb);
  const d = contiguousCopy(D).data;
  const bad = d.findIndex((x) => x !== 0 && x !== 1);
  if (bad >= 0) {
    const cols = D.shape[1];
    throw new ValueError(fn, `D[${Math.floor(bad / cols)}, ${bad % cols}] is ${d[bad]}; ` +
      'a dropout mask holds only 0 and 1');
  }

  const out = contiguousCopy(dA).data;
  for (let k = 0; k < out.length; k++) out[k] = (out[k] * d[k]) / keepProb;
  return ndarray(out, dA.shape.slice());
}
