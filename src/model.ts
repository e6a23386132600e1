/**
 * The whole network, [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID, forward and backward.
 *
 * Legend: L = layers with weights; n[l] = units of layer l (n[0] = n_x); m = examples.
 *
 * @packageDocumentation
 */
import { ShapeError, ValueError } from './errors.js';
import { assertFinite, assertHasExamples, assertLabels, assertMatrix, assertSameShape, assertShape, fmtShape }
  from './internal/check.js';
import { checkParameters } from './internal/checkParameters.js';
import { crossEntropyGradInto } from './internal/elementwise.js';
import { linearStep } from './linear.js';
import { type LinearActivationCache, linearActivationBackward } from './linearActivation.js';
import { type Matrix, zeros } from './matrix.js';
import type { Gradients, Parameters } from './parameters.js';
import { relu } from './relu.js';
import { sigmoid } from './sigmoid.js';

/**
 * The forward pass through all L layers.
 *
 * @param X - inputs, shape (n_x, m), finite
 * @param parameters - `{ W1, b1, ..., WL, bL }` with W1 of shape (n[1], n_x)
 * @returns `[AL, caches]`: AL is (n[L], m), the output probabilities; `caches[l - 1]` is
 *   layer l's `[[A_prev, W, b], Z]`
 * @throws {@link ShapeError} if X or a parameter has the wrong shape, or X has no column
 * @throws {@link ValueError} if a key is missing or extra, or a value is not finite
 * @example
 * ```ts
 * const parameters = initializeParametersDeep([2, 3, 1], { scale: 'he' });
 * const [AL, caches] = LModelForward(fromRows([[1, 0], [0, 1]]), parameters);
 * AL.shape;       // [1, 2]
 * caches.length;  // 2
 * ```
 */
export function LModelForward(X: Matrix, parameters: Parameters): [AL: Matrix, caches: LinearActivationCache[]] {
  return checkedForward('LModelForward', X, parameters);
}

/**
 * @internal LModelForward with its errors named after `fn`, the public function that called
 * it. The whole network is validated up front, so the layers run without re-checking.
 */
export function checkedForward(
  fn: string, X: Matrix, parameters: Parameters,
): [AL: Matrix, caches: LinearActivationCache[]] {
  assertMatrix(fn, 'X', X);
  const dims = checkParameters(fn, parameters);
  assertShape(fn, 'X', X, dims[0], null, `X must have one row per column of W1 (${dims[0]})`);
  assertHasExamples(fn, 'X', X);
  assertFinite(fn, 'X', X);
  const L = dims.length - 1;

  const caches: LinearActivationCache[] = [];
  let A = X;
  for (let l = 1; l <= L; l++) {
    const [Z, linearCache] = linearStep(A, parameters[`W${l}`], parameters[`b${l}`]);
    [A] = l < L ? relu(Z) : sigmoid(Z);
    caches.push([linearCache, Z]);
  }
  return [A, caches];
}

/**
 * The backward pass through all L layers, starting from dAL = -(Y / AL - (1 - Y) / (1 - AL))
 * exactly as the reference does. AL is used as given, so the gradient is that of the
 * cross-entropy at AL even when AL is not sigmoid(Z) (the reference's own test case does
 * this); an AL of exactly 0 or 1 gives infinite gradients there.
 *
 * @param AL - output probabilities, shape (1, m)
 * @param Y - labels 0 or 1, shape (1, m)
 * @param caches - the caches from {@link LModelForward}, one per layer
 * @returns `{ dA0, ..., dA(L-1), dW1, ..., dWL, db1, ..., dbL }`: dA`l` is shaped like
 *   A[l] (dA0 like X), dW`l` and db`l` like W`l` and b`l`
 * @throws {@link ShapeError} if AL and Y differ in shape, or the caches do not chain or fit AL
 * @throws {@link ValueError} if a label is not 0 or 1, AL or a cached input or parameter is not
 *   finite, or caches is empty or malformed
 * @example
 * ```ts
 * const X = fromRows([[1, 0], [0, 1]]), Y = fromRows([[1, 0]]);
 * const parameters = initializeParametersDeep([2, 3, 1], { scale: 'he' });
 * const [AL, caches] = LModelForward(X, parameters);
 * const grads = LModelBackward(AL, Y, caches);
 * Object.keys(grads); // ['dA1', 'dW2', 'db2', 'dA0', 'dW1', 'db1']
 * ```
 */
export function LModelBackward(AL: Matrix, Y: Matrix, caches: readonly LinearActivationCache[]): Gradients {
  const fn = 'LModelBackward';
  assertMatrix(fn, 'AL', AL);
  assertMatrix(fn, 'Y', Y);
  assertSameShape(fn, 'AL', AL, 'Y', Y);
  assertHasExamples(fn, 'AL', AL);
  assertFinite(fn, 'AL', AL);
  assertLabels(fn, 'Y', Y);
  checkCaches(fn, caches, AL);
  const L = caches.length;

  const grads: Record<string, Matrix> = {};
  const dAL = zeros(AL.shape[0], AL.shape[1]);
  crossEntropyGradInto(dAL, Y, AL);
  let dA = dAL;
  for (let l = L; l >= 1; l--) {
    const activation = l === L ? 'sigmoid' : 'relu';
    const [dAprev, dW, db] = linearActivationBackward(dA, caches[l - 1], activation);
    grads[`dA${l - 1}`] = dAprev;
    grads[`dW${l}`] = dW;
    grads[`db${l}`] = db;
    dA = dAprev;
  }
  return grads as Gradients;
}

/**
 * Checks that caches is what LModelForward returns for AL's examples: one [[A_prev, W, b], Z]
 * per layer, each A_prev shaped like the Z before it, the last Z shaped like AL, and the
 * inputs and parameters finite.
 */
function checkCaches(fn: string, caches: unknown, AL: Matrix): asserts caches is LinearActivationCache[] {
  if (!Array.isArray(caches) || caches.length === 0) {
    throw new ValueError(fn, 'caches must be the non-empty array that LModelForward returned');
  }
  const m = AL.shape[1];
  let rows: number | null = null; // rows of the previous layer's Z, n[l-1]
  for (let i = 0; i < caches.length; i++) {
    const c = `caches[${i}]`;
    const cache: unknown = caches[i];
    if (!Array.isArray(cache) || cache.length !== 2 || !Array.isArray(cache[0]) || cache[0].length !== 3) {
      throw new ValueError(fn, `${c} must be a [[A_prev, W, b], Z] pair as LModelForward returns it`);
    }
    const [[A, W, b], Z] = cache as LinearActivationCache;
    assertMatrix(fn, `${c} A_prev`, A);
    assertMatrix(fn, `${c} W`, W);
    assertMatrix(fn, `${c} b`, b);
    assertMatrix(fn, `${c} Z`, Z);
    const rule = `layer ${i + 1} maps A_prev (n[${i}], m) to Z (n[${i + 1}], m) with W (n[${i + 1}], n[${i}])`;
    assertShape(fn, `${c} A_prev`, A, rows, m, `${rule}, and AL has m = ${m}`);
    assertShape(fn, `${c} W`, W, null, A.shape[0], rule);
    assertShape(fn, `${c} b`, b, W.shape[0], 1, `b must be a column with one entry per row of W ${fmtShape(W)}`);
    assertShape(fn, `${c} Z`, Z, W.shape[0], m, rule);
    assertFinite(fn, `${c} A_prev`, A);
    assertFinite(fn, `${c} W`, W);
    assertFinite(fn, `${c} b`, b);
    rows = Z.shape[0];
  }
  const lastZ = (caches[caches.length - 1] as LinearActivationCache)[1];
  if (lastZ.shape[0] !== AL.shape[0]) {
    throw new ShapeError(fn, `AL is ${fmtShape(AL)} but the last layer's Z is ${fmtShape(lastZ)}; ` +
      'AL must be the output of the forward pass these caches come from');
  }
}
