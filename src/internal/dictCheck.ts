// Checks of the parameter dictionaries { W1, b1, ..., WL, bL } and of the dictionaries
// keyed after them (gradients, optimizer state), shared by the public entries that take
// them. Messages name the function, the dictionary, the key and what must hold.
import { ShapeError, ValueError } from '../errors.js';
import type { Matrix } from '../matrix.js';
import type { Parameters } from '../parameters.js';
import { assertFinite, assertMatrix, fmtShape } from './check.js';

type Dict = Record<string, unknown>;

function assertDict(fn: string, name: string, d: unknown): asserts d is Dict {
  if (d === null || typeof d !== 'object' || Array.isArray(d)) {
    throw new ValueError(fn, `${name} must be an object of matrices, got ${d === null ? 'null' : typeof d}`);
  }
}

/**
 * Throws unless `parameters` holds exactly W1, b1, ..., WL, bL (L >= 1) of chained, finite
 * matrices: W`l` (n[l], n[l-1]) and b`l` (n[l], 1). Returns L.
 */
export function assertParameters(fn: string, name: string, parameters: unknown): number {
  assertDict(fn, name, parameters);
  let L = 0;
  while (`W${L + 1}` in parameters) L++;
  if (L === 0) {
    throw new ValueError(fn, `${name} has no W1; it must hold W1, b1, ..., WL, bL`);
  }
  const allowed = new Set<string>();
  for (let l = 1; l <= L; l++) {
    const Wk = `W${l}`;
    const bk = `b${l}`;
    allowed.add(Wk);
    allowed.add(bk);
    if (!(bk in parameters)) {
      throw new ValueError(fn, `${name} has ${Wk} but no ${bk}; each layer needs both`);
    }
    const W = parameters[Wk];
    const b = parameters[bk];
    assertMatrix(fn, `${name}.${Wk}`, W);
    assertMatrix(fn, `${name}.${bk}`, b);
    if (b.shape[1] !== 1 || b.shape[0] !== W.shape[0]) {
      throw new ShapeError(fn, `${name}.${Wk} is ${fmtShape(W)} but ${name}.${bk} is ${fmtShape(b)}; ` +
        `${bk} must be [${W.shape[0]}, 1]`);
    }
    if (l > 1) {
      const prev = parameters[`W${l - 1}`] as Matrix;
      if (W.shape[1] !== prev.shape[0]) {
        throw new ShapeError(fn, `${name}.${Wk} is ${fmtShape(W)} but ${name}.W${l - 1} is ` +
          `${fmtShape(prev)}; ${Wk}'s columns must equal W${l - 1}'s rows`);
      }
    }
    assertFinite(fn, `${name}.${Wk}`, W);
    assertFinite(fn, `${name}.${bk}`, b);
  }
  for (const key of Object.keys(parameters)) {
    if (!allowed.has(key)) {
      throw new ValueError(fn, `${name} has an unexpected key '${key}'; ` +
        `it must hold exactly W1, b1, ..., W${L}, b${L}`);
    }
  }
  return L;
}

/**
 * Throws unless `dict` holds dW`l` and db`l` for l = 1 .. L, finite and shaped like W`l`
 * and b`l`. With `exact`, no other key is allowed; otherwise only dA`l` keys may be added
 * (a gradient dictionary carries them).
 */
export function assertLikeParameters(
  fn: string, name: string, dict: unknown, parameters: Parameters, L: number, exact: boolean,
): asserts dict is Record<string, Matrix> {
  assertDict(fn, name, dict);
  const allowed = new Set<string>();
  for (let l = 1; l <= L; l++) {
    for (const p of ['W', 'b'] as const) {
      const key = `d${p}${l}`;
      allowed.add(key);
      if (!(key in dict)) {
        throw new ValueError(fn, `${name} has no ${key}; it needs dW1, db1, ..., dW${L}, db${L}`);
      }
      const M = dict[key];
      const P = parameters[`${p}${l}`];
      assertMatrix(fn, `${name}.${key}`, M);
      if (M.shape[0] !== P.shape[0] || M.shape[1] !== P.shape[1]) {
        throw new ShapeError(fn, `${name}.${key} is ${fmtShape(M)} but parameters.${p}${l} is ` +
          `${fmtShape(P)}; they must have the same shape`);
      }
      assertFinite(fn, `${name}.${key}`, M);
    }
  }
  for (const key of Object.keys(dict)) {
    if (allowed.has(key) || (!exact && /^dA\d+$/.test(key))) continue;
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
