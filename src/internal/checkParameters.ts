// Validation of parameter and gradient dictionaries: exact key sets, consistent shapes.
import { ShapeError, ValueError } from '../errors.js';
import type { Matrix } from '../matrix.js';
import type { Parameters } from '../parameters.js';
import { assertFinite, assertMatrix, assertShape, fmtShape } from './check.js';

/**
 * Checks { W1, b1, ..., WL, bL }: no missing or extra key, each W`l` (n[l], n[l-1]) with
 * columns matching the rows of the one before, each b`l` (n[l], 1), all finite.
 * Returns the layer sizes [n[0], ..., n[L]].
 */
export function checkParameters(fn: string, parameters: unknown, name = 'parameters'): number[] {
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) {
    throw new ValueError(fn, `${name} must be an object { W1, b1, ..., WL, bL }, got ${String(parameters)}`);
  }
  const p = parameters as Record<string, unknown>;
  let L = 0;
  while (`W${L + 1}` in p) L++;
  if (L === 0) {
    throw new ValueError(fn, `${name} has no W1; it must hold W1, b1, ..., WL, bL`);
  }
  if (`b${L + 1}` in p) {
    throw new ValueError(fn, `${name} has b${L + 1} but no W${L + 1}; every layer needs W and b`);
  }
  const expected = new Set<string>();
  for (let l = 1; l <= L; l++) expected.add(`W${l}`).add(`b${l}`);
  for (const key of expected) {
    if (!(key in p)) throw new ValueError(fn, `${name} has W1..W${L} but no ${key}; every layer needs W and b`);
  }
  const extra = Object.keys(p).filter((k) => !expected.has(k));
  if (extra.length > 0) {
    throw new ValueError(fn, `${name} has unexpected key(s) ${extra.join(', ')}; ` +
      `it must hold exactly W1, b1, ..., W${L}, b${L}`);
  }
  const dims: number[] = [];
  for (let l = 1; l <= L; l++) {
    const W = p[`W${l}`];
    const b = p[`b${l}`];
    assertMatrix(fn, `${name}.W${l}`, W);
    assertMatrix(fn, `${name}.b${l}`, b);
    if (W.shape[0] === 0 || W.shape[1] === 0) {
      throw new ShapeError(fn, `${name}.W${l} is ${fmtShape(W)}; layer sizes must be positive integers`);
    }
    if (l === 1) dims.push(W.shape[1]);
    if (W.shape[1] !== dims[l - 1]) {
      const prev = p[`W${l - 1}`] as { shape: number[] };
      throw new ShapeError(fn, `${name}.W${l} is ${fmtShape(W)} but ${name}.W${l - 1} is ${fmtShape(prev)}; ` +
        `W${l}'s columns must equal W${l - 1}'s rows`);
    }
    dims.push(W.shape[0]);
    assertShape(fn, `${name}.b${l}`, b, W.shape[0], 1, `b${l} must be a column with one entry per row of W${l}`);
    assertFinite(fn, `${name}.W${l}`, W);
    assertFinite(fn, `${name}.b${l}`, b);
  }
  return dims;
}

/** checkParameters returning L, the number of layers. */
export function assertParameters(fn: string, name: string, parameters: unknown): number {
  return checkParameters(fn, parameters, name).length - 1;
}

/** Checks a gradient dictionary as LModelBackward returns it: dW, db and optional dA keys. */
export function checkGradients(fn: string, grads: unknown, parameters: Parameters, L: number): void {
  assertLikeParameters(fn, 'grads', grads, parameters, L, false);
}

/**
 * Throws unless `dict` holds dW`l` and db`l` for l = 1 .. L, finite and shaped like W`l`
 * and b`l`. With `exact`, no other key is allowed; otherwise only dA`l` keys may be added
 * (a gradient dictionary carries them).
 */
export function assertLikeParameters(
  fn: string, name: string, dict: unknown, parameters: Parameters, L: number, exact: boolean,
): asserts dict is Record<string, Matrix> {
  if (dict === null || typeof dict !== 'object' || Array.isArray(dict)) {
    throw new ValueError(fn, `${name} must be an object of matrices, got ${dict === null ? 'null' : typeof dict}`);
  }
  const d = dict as Record<string, unknown>;
  const allowed = new Set<string>();
  for (let l = 1; l <= L; l++) {
    for (const p of ['W', 'b'] as const) {
      const key = `d${p}${l}`;
      allowed.add(key);
      if (!(key in d)) {
        throw new ValueError(fn, `${name} has no ${key}; it needs dW1, db1, ..., dW${L}, db${L}`);
      }
      const M = d[key];
      const P = parameters[`${p}${l}`];
      assertMatrix(fn, `${name}.${key}`, M);
      if (M.shape[0] !== P.shape[0] || M.shape[1] !== P.shape[1]) {
        throw new ShapeError(fn, `${name}.${key} is ${fmtShape(M)} but parameters.${p}${l} is ` +
          `${fmtShape(P)}; they must have the same shape`);
      }
      assertFinite(fn, `${name}.${key}`, M);
    }
  }
  for (const key of Object.keys(d)) {
    if (allowed.has(key)) continue;
    const dA = /^dA(\d+)$/.exec(key);
    if (!exact && dA && Number(dA[1]) < L) {
      // dA keys ride along from LModelBackward; unused, but they must still be matrices.
      assertMatrix(fn, `${name}.${key}`, d[key]);
      continue;
    }
    throw new ValueError(fn, `${name} has an unexpected key '${key}'; ` +
      `it must hold ${exact ? 'exactly' : 'dA keys and'} dW1, db1, ..., dW${L}, db${L}`);
  }
}

/** Throws unless `x` is a finite number in [0, 1), as a decay rate of a moving average. */
export function assertBeta(fn: string, name: string, x: unknown): asserts x is number {
  if (typeof x !== 'number' || !(x >= 0 && x < 1)) {
    throw new ValueError(fn, `${name} is ${typeof x === 'number' ? String(x) : typeof x}; ` +
      'it must be a number in [0, 1)');
  }
}
