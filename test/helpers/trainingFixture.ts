// Loads test/fixtures/training.json (made by test/fixtures/training.py with numpy) and
// turns its nested row lists into matrices.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromRows, toRows, type Matrix } from '../../src/matrix.js';

type Rows = number[][];

export const fixture: any = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/training.json', import.meta.url)), 'utf8'),
);

export function m(rows: Rows): Matrix {
  return fromRows(rows);
}

/** Every entry of a `{ name: rows }` object as a matrix. */
export function dict<T = Record<string, Matrix>>(d: Record<string, Rows>): T {
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, fromRows(v)])) as T;
}

/** `{ name: rows }` of every matrix, for exact deep comparison. */
export function rowsOf(d: Record<string, Matrix>): Record<string, Rows> {
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, toRows(v)]));
}

/** The same values as M in a transposed view of a differently laid out buffer. */
export function asTransposedView(M: Matrix): Matrix {
  return fromRows(transpose(toRows(M))).transpose(1, 0);
}

function transpose(rows: Rows): Rows {
  return rows[0].map((_, j) => rows.map((r) => r[j]));
}

/** Largest |a - b| / max(|b|, tiny) over two equal-shaped matrices. */
export function maxRelativeError(A: Matrix, B: Matrix): number {
  const a = toRows(A).flat();
  const b = toRows(B).flat();
  let worst = 0;
  a.forEach((x, k) => {
    worst = Math.max(worst, Math.abs(x - b[k]) / Math.max(Math.abs(b[k]), 1e-300));
  });
  return worst;
}
