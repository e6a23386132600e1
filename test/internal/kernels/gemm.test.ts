import { afterAll, describe, expect, it } from 'vitest';
import { gemm } from '../../../src/internal/kernels/gemm.js';
import {
  gemmBackend, setGemmParallelMinWork, setGemmThreads, setSimdAllowed,
} from '../../../src/internal/kernels/settings.js';
import { simdAvailable } from '../../../src/internal/kernels/simd.js';
import { errorRatio, makeCase, naive } from './reference.js';
import type { Case } from './reference.js';
import type { FloatBuffer } from '../../../src/internal/kernels/fallback.js';

// Sizes straddle the kernels' blocks: micro-tile 4 x (4 or 8), MC = 64 rows, KC = 256,
// NC = 1024 columns, and the 8-wide split between threads.
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 3, 3], [1, 17, 3], [17, 3, 255], [255, 17, 3], [3, 255, 17],
  [65, 33, 257], [5, 1030, 7], [30, 238, 61],
];
const TRANSPOSES: [boolean, boolean][] = [[false, false], [false, true], [true, false], [true, true]];
const SCALINGS: [number, number][] = [[1, 0], [-0.5, 1], [2, 0.25]];
const TYPES: { Kind: new (length: number) => FloatBuffer; name: string; unitRoundoff: number }[] = [
  { Kind: Float64Array, name: 'f64', unitRoundoff: 2 ** -53 },
  { Kind: Float32Array, name: 'f32', unitRoundoff: 2 ** -24 },
];
const BACKENDS = [
  { simd: true, name: 'WebAssembly SIMD' },
  { simd: false, name: 'TypeScript fallback' },
];

function run(c: Case<FloatBuffer>): FloatBuffer {
  const C = c.C.slice();
  gemm(c.transA, c.transB, c.m, c.n, c.k, c.alpha, c.A, c.lda, c.B, c.ldb, c.beta, C, c.ldc);
  return C;
}

afterAll(() => {
  setSimdAllowed(true);
  setGemmThreads(undefined);
  setGemmParallelMinWork(undefined);
});

describe('gemm', () => {
  it('runs the SIMD kernels on this engine unless they are switched off', () => {
    expect(simdAvailable()).toBe(true);
    setSimdAllowed(true);
    expect(gemmBackend()).toBe(process.env.DNN_LITE_NO_SIMD === '1' ? 'typescript' : 'wasm-simd');
    setSimdAllowed(false);
    expect(gemmBackend()).toBe('typescript');
    setSimdAllowed(true);
  });

  for (const backend of BACKENDS) {
    for (const threads of [1, 2]) {
      for (const { Kind, name, unitRoundoff } of TYPES) {
        it(`${backend.name}, ${threads} thread(s), ${name}: matches the triple loop on all ` +
          'transposes, odd sizes, alpha and beta', () => {
          setSimdAllowed(backend.simd);
          setGemmThreads(threads);
          // Split every product that can be split, so two threads run even on small sizes.
          setGemmParallelMinWork(threads > 1 ? 1 : undefined);
          for (const [m, n, k] of SHAPES) {
            for (const [transA, transB] of TRANSPOSES) {
              for (const [alpha, beta] of SCALINGS) {
                const c = makeCase(Kind, transA, transB, m, n, k, alpha, beta);
                const ratio = errorRatio(c, run(c), naive(c), unitRoundoff);
                expect(ratio, `${m}x${n}x${k} transA=${transA} transB=${transB} ` +
                  `alpha=${alpha} beta=${beta}`).toBeLessThan(1);
              }
            }
          }
        });
      }
    }
  }

  it('matches the triple loop on a 255-cube, with both kernels and two threads', () => {
    setGemmThreads(2);
    setGemmParallelMinWork(undefined);
    for (const simd of [true, false]) {
      setSimdAllowed(simd);
      const c = makeCase(Float64Array, true, false, 255, 255, 255, 1, 0);
      expect(errorRatio(c, run(c), naive(c), 2 ** -53)).toBeLessThan(1);
    }
  });

  it('with beta 0 overwrites NaN in C instead of propagating it', () => {
    for (const simd of [true, false]) {
      setSimdAllowed(simd);
      const c = makeCase(Float64Array, false, false, 5, 9, 4, 1, 0);
      c.C.fill(NaN);
      const got = run(c);
      for (let i = 0; i < c.m; i++) {
        for (let j = 0; j < c.n; j++) expect(Number.isNaN(got[i * c.ldc + j])).toBe(false);
      }
    }
  });

  it('with k = 0 only scales C by beta', () => {
    for (const simd of [true, false]) {
      setSimdAllowed(simd);
      const C = new Float64Array([1, 2, 3, 4]);
      gemm(false, false, 2, 2, 0, 1, new Float64Array(0), 1, new Float64Array(0), 2, 3, C, 2);
      expect(Array.from(C)).toEqual([3, 6, 9, 12]);
    }
  });

  it('with m or n = 0 leaves C untouched', () => {
    const C = new Float64Array([7]);
    gemm(false, false, 0, 1, 3, 1, new Float64Array(0), 3, new Float64Array(3), 1, 0, C, 1);
    gemm(false, false, 1, 0, 3, 1, new Float64Array(3), 3, new Float64Array(0), 1, 0, C, 1);
    expect(C[0]).toBe(7);
  });

  it('computes the documented example', () => {
    const C = new Float64Array(4);
    gemm(false, true, 2, 2, 1, 1, new Float64Array([1, 2]), 1, new Float64Array([3, 4]), 1, 0, C, 2);
    expect(Array.from(C)).toEqual([3, 4, 6, 8]);
  });
});
