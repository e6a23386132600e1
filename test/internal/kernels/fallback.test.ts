import { describe, expect, it } from 'vitest';
import { fallbackGemm } from '../../../src/internal/kernels/fallback.js';
import { errorRatio, makeCase, naive } from './reference.js';

describe('fallbackGemm', () => {
  it('matches the triple loop from nonzero offsets in all four transposes', () => {
    for (const [transA, transB] of [[false, false], [false, true], [true, false], [true, true]]) {
      const c = makeCase(Float64Array, transA, transB, 17, 3, 255, 0.5, 2);
      // Shift every operand by a few elements inside a larger array.
      const shift = <T extends Float64Array>(x: T, by: number): Float64Array => {
        const out = new Float64Array(x.length + by);
        out.set(x, by);
        return out;
      };
      const A = shift(c.A, 3), B = shift(c.B, 5), C = shift(c.C, 7);
      fallbackGemm(transA, transB, c.m, c.n, c.k, c.alpha, A, 3, c.lda, B, 5, c.ldb, c.beta, C, 7, c.ldc);
      expect(errorRatio(c, C.subarray(7), naive(c), 2 ** -53)).toBeLessThan(1);
    }
  });

  it('is self-contained, so a helper thread can rebuild it from its source text', () => {
    const rebuilt = (0, eval)(`(${fallbackGemm.toString()})`) as typeof fallbackGemm;
    const c = makeCase(Float64Array, true, true, 4, 5, 6, 1, 0);
    const C = c.C.slice();
    rebuilt(true, true, c.m, c.n, c.k, 1, c.A, 0, c.lda, c.B, 0, c.ldb, 0, C, 0, c.ldc);
    expect(errorRatio(c, C, naive(c), 2 ** -53)).toBeLessThan(1);
  });
});
