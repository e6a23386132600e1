// Access to the shared numpy reference cases and tolerance-aware comparisons.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { type Matrix, fromRows, toRows } from '../../src/matrix.js';
import { sharedDir } from './shared.js';

export { repoRoot, sharedDir } from './shared.js';

export interface FixtureMatrix { shape: [number, number]; data: number[][] }
export type Tolerance = { rtol: number; atol: number } | { exact: true } | { max_ulp: number };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const courseCases: Record<string, any> = JSON.parse(
  readFileSync(resolve(sharedDir, 'fixtures', 'course-cases.json'), 'utf8'),
);

export function toMatrix(m: FixtureMatrix): Matrix {
  return fromRows(m.data);
}

const scratch = new DataView(new ArrayBuffer(8));
/** Ordinal of a double on a line where adjacent doubles differ by 1 (handles sign). */
function ordinal(x: number): bigint {
  scratch.setFloat64(0, x);
  const bits = scratch.getBigInt64(0);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/** Units in the last place between two doubles. */
export function ulpDistance(a: number, b: number): number {
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}

/** Whether `actual` passes the fixture tolerance against `expected`. */
export function withinTolerance(actual: number, expected: number, tol: Tolerance): boolean {
  if ('exact' in tol) return Object.is(actual, expected) || actual === expected;
  if ('max_ulp' in tol) return ulpDistance(actual, expected) <= tol.max_ulp;
  return Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

/** Asserts shape and every element of `actual` against a fixture matrix. */
export function expectMatrix(actual: Matrix, expected: FixtureMatrix, tol: Tolerance, label = 'matrix'): void {
  expect(actual.shape, `${label} shape`).toEqual(expected.shape);
  const rows = toRows(actual);
  const bad: string[] = [];
  expected.data.forEach((row, i) => row.forEach((e, j) => {
    if (!withinTolerance(rows[i][j], e, tol)) bad.push(`[${i}, ${j}] ${rows[i][j]} vs ${e}`);
  }));
  expect(bad, `${label} elements outside ${JSON.stringify(tol)}`).toEqual([]);
}
