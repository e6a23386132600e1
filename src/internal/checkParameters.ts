// Validation of parameter and gradient dictionaries: exact key sets, consistent shapes.
import { ShapeError, ValueError } from '../errors.js';
import type { Parameters } from '../parameters.js';
import { assertFinite, assertMatrix, assertShape, fmtShape } from './check.js';

/**
 * Checks { W1, b1, ..., WL, bL }: no missing or extra key, each W`l` (n[l], n[l-1]) with
 * columns matching the rows of the one before, each b`l` (n[l], 1), all finite.
 * Returns the layer sizes [n[0], ..., n[L]].
 */
export function checkParameters(fn: string, parameters: unknown, name = 'parameters'): number[] {
  if (parameters === null || typeof parameters !== 'object') {
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
      throw new ShapeError(fn, `${name}.W${l} is ${fmtShape(W)} but W${l - 1} is ${fmtShape(prev)}; ` +
        `W${l}'s columns must equal W${l - 1}'s rows`);
    }
    dims.push(W.shape[0]);
    assertShape(fn, `${name}.b${l}`, b, W.shape[0], 1, `b${l} must be a column with one entry per row of W${l}`);
    assertFinite(fn, `${name}.W${l}`, W);
    assertFinite(fn, `${name}.b${l}`, b);
  }
  return dims;
}

/**
 * Checks that grads holds dW`l` and db`l` shaped like W`l` and b`l` for every layer, and
 * nothing but those and dA`l` keys.
 */
export function checkGradients(fn: string, grads: unknown, parameters: Parameters, L: number): void {
  if (grads === null || typeof grads !== 'object') {
    throw new ValueError(fn, `grads must be an object { dW1, db1, ... }, got ${String(grads)}`);
  }
  const g = grads as Record<string, unknown>;
  for (let l = 1; l <= L; l++) {
    for (const [gk, pk] of [[`dW${l}`, `W${l}`], [`db${l}`, `b${l}`]] as const) {
      if (!(gk in g)) throw new ValueError(fn, `grads has no ${gk}; it needs dW and db for layers 1..${L}`);
      const G = g[gk];
      assertMatrix(fn, `grads.${gk}`, G);
      const P = (parameters as Record<string, { shape: number[] }>)[pk];
      assertShape(fn, `grads.${gk}`, G, P.shape[0], P.shape[1], `${gk} must have the shape of ${pk}`);
      assertFinite(fn, `grads.${gk}`, G);
    }
  }
  const extra = Object.keys(g).filter((k) => {
    const match = /^(dW|db|dA)(\d+)$/.exec(k);
    if (!match) return true;
    const l = Number(match[2]);
    return match[1] === 'dA' ? l > L - 1 : l < 1 || l > L;
  });
  if (extra.length > 0) {
    throw new ValueError(fn, `grads has unexpected key(s) ${extra.join(', ')}; ` +
      `it may hold only dA0..dA${L - 1}, dW1..dW${L}, db1..db${L}`);
  }
}
