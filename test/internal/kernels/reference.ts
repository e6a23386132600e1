// Shared helpers for the kernel tests: random operands and an independent naive product.
import type { FloatBuffer } from '../../../src/internal/kernels/fallback.js';

/** A small deterministic generator (LCG), so failures reproduce. */
export function filled<T extends FloatBuffer>(
  Kind: new (length: number) => T, length: number, seed: number,
): T {
  const out = new Kind(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1; // in [-1, 1)
  }
  return out;
}

/** One product case: C = alpha op(A) op(B) + beta C with padded leading dimensions. */
export interface Case<T extends FloatBuffer> {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  alpha: number;
  beta: number;
  A: T;
  lda: number;
  B: T;
  ldb: number;
  C: T;
  ldc: number;
}

export function makeCase<T extends FloatBuffer>(
  Kind: new (length: number) => T, transA: boolean, transB: boolean,
  m: number, n: number, k: number, alpha: number, beta: number,
): Case<T> {
  // Leading dimensions one or two past the row length catch kernels that assume lda = cols.
  const lda = (transA ? m : k) + 1;
  const ldb = (transB ? k : n) + 2;
  const ldc = n + 3;
  const A = filled(Kind, (transA ? k : m) * lda, m * 7 + k);
  const B = filled(Kind, (transB ? n : k) * ldb, n * 13 + k);
  const C = filled(Kind, m * ldc, m + n);
  return { transA, transB, m, n, k, alpha, beta, A, lda, B, ldb, C, ldc };
}

/**
 * The triple loop in float64, and for each entry the sum of the magnitudes of its terms,
 * which bounds the rounding error of any summation order.
 */
export function naive(c: Case<FloatBuffer>): { value: Float64Array; scale: Float64Array } {
  const value = Float64Array.from(c.C);
  const scale = new Float64Array(c.C.length);
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.n; j++) {
      let sum = 0;
      let abs = 0;
      for (let p = 0; p < c.k; p++) {
        const a = c.transA ? c.A[p * c.lda + i] : c.A[i * c.lda + p];
        const b = c.transB ? c.B[j * c.ldb + p] : c.B[p * c.ldb + j];
        sum += a * b;
        abs += Math.abs(a * b);
      }
      const at = i * c.ldc + j;
      const old = c.beta === 0 ? 0 : c.beta * c.C[at];
      value[at] = c.alpha * sum + old;
      scale[at] = Math.abs(c.alpha) * abs + Math.abs(old);
    }
  }
  return { value, scale };
}

/**
 * Largest error of `got` against the naive product, in units of the allowed error
 * (unit roundoff times (k + 2) times the magnitude of the terms): below 1 passes.
 * Entries of the padding between rows must be untouched.
 */
export function errorRatio(
  c: Case<FloatBuffer>, got: FloatBuffer, ref: { value: Float64Array; scale: Float64Array },
  unitRoundoff: number,
): number {
  let worst = 0;
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.ldc; j++) {
      const at = i * c.ldc + j;
      if (j >= c.n) {
        if (got[at] !== c.C[at]) return Infinity;
        continue;
      }
      const allowed = unitRoundoff * (c.k + 2) * ref.scale[at] + 1e-300;
      const err = Math.abs(got[at] - ref.value[at]);
      worst = Math.max(worst, Number.isNaN(err) ? Infinity : err / allowed);
    }
  }
  return worst;
}
