/**
 * Parameter initialisation for an L-layer network.
 *
 * Legend: n[l] = layerDims[l], units of layer l; n[0] = n_x, the input size.
 *
 * @packageDocumentation
 */
import ops from 'ndarray-ops';
import { ValueError } from './errors.js';
import { assertLayerDims } from './internal/check.js';
import { type Matrix, zeros } from './matrix.js';
import type { Parameters } from './parameters.js';
import { type Rng, createRng } from './random.js';

/**
 * How initial weights are scaled:
 * - a number s: randn * s (the reference's report uses 0.01);
 * - `'xavier'`: randn / sqrt(n[l-1]), what the reference code actually ran;
 * - `'he'`: randn * sqrt(2 / n[l-1]), suited to ReLU layers;
 * - `'zeros'`: all weights 0 (every unit then learns the same thing; for tests and study).
 */
export type InitScale = number | 'xavier' | 'he' | 'zeros';

/** Options of {@link initializeParametersDeep}. */
export interface InitOptions {
  /** Seed of a fresh numpy-compatible generator, as `np.random.seed(seed)`. Default 3. */
  seed?: number;
  /** Weight scaling. Default 0.01, as in the reference. */
  scale?: InitScale;
  /** A generator to draw from instead of a fresh one seeded with `seed`. */
  rng?: Rng;
}

/**
 * Weights W`l` of shape (n[l], n[l-1]) drawn from a standard normal and scaled, and zero
 * biases b`l` of shape (n[l], 1), drawn layer by layer as the reference does, so the same
 * seed gives numpy's numbers.
 *
 * @param layerDims - [n[0], n[1], ..., n[L]]: at least two positive integers
 * @param options - seed, scale and rng; see {@link InitOptions}
 * @returns `{ W1, b1, ..., WL, bL }`
 * @throws {@link ValueError} if a layer size is not a positive integer, the scale is not a
 *   finite number or a known name, the seed is out of range or rng is not a generator
 * @see K. He et al., "Delving Deep into Rectifiers", ICCV 2015 (the `'he'` scale).
 * @see X. Glorot and Y. Bengio, "Understanding the difficulty of training deep
 *   feedforward neural networks", AISTATS 2010 (the fan-in form used by `'xavier'`).
 * @example
 * ```ts
 * const p = initializeParametersDeep([5, 4, 3]);
 * toRows(p.W1)[0]; // [0.017886284734303187, 0.004365098505119894, 0.0009649746807200863, -0.01863492703364491, -0.002773882025143991]
 * p.b2.shape;      // [3, 1]
 * ```
 */
export function initializeParametersDeep(layerDims: readonly number[], options: InitOptions = {}): Parameters {
  const fn = 'initializeParametersDeep';
  assertLayerDims(fn, 'layerDims', layerDims);
  if (options === null || typeof options !== 'object') throw new ValueError(fn, 'options must be an object');
  const scale = options.scale ?? 0.01;
  if (typeof scale === 'number' ? !Number.isFinite(scale) : !['xavier', 'he', 'zeros'].includes(scale)) {
    throw new ValueError(fn, `scale is ${JSON.stringify(scale)}; it must be a finite number, 'xavier', 'he' or 'zeros'`);
  }
  const { seed, rng: injected } = options;
  if (injected !== undefined && typeof (injected as Partial<Rng> | null)?.randn !== 'function') {
    throw new ValueError(fn, 'options.rng must be a generator such as createRng(seed) returns');
  }
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    throw new ValueError(fn, `options.seed is ${String(seed)}; it must be an integer in [0, 2^32 - 1] as numpy requires`);
  }
  const rng = injected ?? createRng(seed ?? 3);

  const parameters: Record<string, Matrix> = {};
  for (let l = 1; l < layerDims.length; l++) {
    const rows = layerDims[l];
    const fanIn = layerDims[l - 1];
    let W: Matrix;
    if (scale === 'zeros') {
      W = zeros(rows, fanIn);
    } else {
      W = rng.randn(rows, fanIn);
      // Scaled the way numpy evaluates each expression, so results match it to the bit.
      if (scale === 'xavier') ops.divseq(W, Math.sqrt(fanIn));
      else if (scale === 'he') ops.mulseq(W, Math.sqrt(2 / fanIn));
      else ops.mulseq(W, scale);
    }
    parameters[`W${l}`] = W;
    parameters[`b${l}`] = zeros(rows, 1);
  }
  return parameters as Parameters;
}
