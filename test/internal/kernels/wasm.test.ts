import { afterAll, describe, expect, it } from 'vitest';
import {
  gemm, gemmPackedB, packB, releasePackedB,
} from '../../../src/internal/kernels/gemm.js';
import type { FloatBuffer } from '../../../src/internal/kernels/fallback.js';
import { setGemmParallelMinWork, setGemmThreads } from '../../../src/internal/kernels/settings.js';
import {
  allocate, elementView, release, releaseArray, residentAddress, residentArray,
} from '../../../src/internal/kernels/wasm.js';
import { errorRatio, makeCase, naive } from './reference.js';

afterAll(() => {
  setGemmThreads(undefined);
  setGemmParallelMinWork(undefined);
});

/** A copy of `x` in kernel memory, `shift` elements into a larger block (a view at an offset). */
function resident(x: FloatBuffer, shift: number): { view: FloatBuffer; block: FloatBuffer } {
  const block = residentArray(x.BYTES_PER_ELEMENT as 8 | 4, x.length + shift);
  const view = x.BYTES_PER_ELEMENT === 8
    ? new Float64Array(block.buffer, block.byteOffset + 8 * shift, x.length)
    : new Float32Array(block.buffer, block.byteOffset + 4 * shift, x.length);
  view.set(x);
  return { view, block };
}

describe('kernel memory', () => {
  it('hands out aligned, disjoint blocks and reuses freed ones', () => {
    const a = allocate(100);
    const b = allocate(1);
    expect(a % 64).toBe(0);
    expect(b % 64).toBe(0);
    expect(Math.abs(a - b)).toBeGreaterThanOrEqual(64);
    release(a);
    expect(allocate(64)).toBe(a);
    release(a);
    release(b);
    expect(() => release(b)).toThrow(/no kernel memory block/);
  });

  it('knows its own arrays, also after the memory has grown, and no others', () => {
    const small = residentArray(8, 3);
    const big = residentArray(8, 1 << 22); // 32 MiB: grows the memory
    expect(residentAddress(small)).toBe(small.byteOffset);
    expect(residentAddress(big)).toBe(big.byteOffset);
    expect(residentAddress(elementView(4, small.byteOffset, 6))).toBe(small.byteOffset);
    expect(residentAddress(new Float64Array(3))).toBe(-1);
    expect(residentAddress(new Float64Array(new SharedArrayBuffer(24)))).toBe(-1);
    releaseArray(big);
    releaseArray(small);
  });

  it('zeroes an array made in a block that an earlier array filled and freed', () => {
    const first = residentArray(8, 1000).fill(7);
    const at = first.byteOffset;
    releaseArray(first);
    const second = residentArray(8, 1000);
    expect(second.byteOffset).toBe(at);
    expect(second.every((x) => x === 0)).toBe(true);
    releaseArray(second);
  });

  for (const threads of [1, 2]) {
    it(`gemm on operands that live in kernel memory, at offsets, matches the triple loop ` +
      `(${threads} thread(s), odd sizes, all transposes, f64 and f32)`, () => {
      setGemmThreads(threads);
      setGemmParallelMinWork(threads > 1 ? 1 : undefined);
      const shapes: [number, number, number][] = [
        [1, 1, 1], [3, 17, 255], [255, 3, 17], [17, 255, 3], [30, 238, 61],
      ];
      const types: [new (length: number) => FloatBuffer, number][] = [
        [Float64Array, 2 ** -53], [Float32Array, 2 ** -24],
      ];
      for (const [Kind, u] of types) {
        for (const [m, n, k] of shapes) {
          for (const [transA, transB] of [[false, false], [false, true], [true, false], [true, true]]) {
            for (const [alpha, beta] of [[1, 0], [-0.5, 1]]) {
              const c = makeCase(Kind, transA, transB, m, n, k, alpha, beta);
              const A = resident(c.A, 1), B = resident(c.B, 3), C = resident(c.C, 5);
              gemm(transA, transB, m, n, k, alpha, A.view, c.lda, B.view, c.ldb, beta, C.view,
                c.ldc);
              const ratio = errorRatio(c, C.view, naive(c), u);
              expect(ratio, `${m}x${n}x${k} ${transA} ${transB}`).toBeLessThan(1);
              for (const x of [A, B, C]) releaseArray(x.block);
            }
          }
        }
      }
    });
  }
});

describe('products with an operand packed once', () => {
  for (const threads of [1, 2]) {
    it(`${threads} thread(s): match the triple loop on odd sizes, transposes and both dtypes, ` +
      'and reuse the packed operand', () => {
      setGemmThreads(threads);
      setGemmParallelMinWork(threads > 1 ? 1 : undefined);
      // k past KC = 256 and n past NC = 1024 exercise every packed block.
      const shapes: [number, number, number][] = [
        [1, 1, 1], [3, 17, 255], [30, 238, 238], [5, 1030, 7], [17, 9, 300], [4, 8, 1],
      ];
      const types: [new (length: number) => FloatBuffer, number][] = [
        [Float64Array, 2 ** -53], [Float32Array, 2 ** -24],
      ];
      for (const [Kind, u] of types) {
        for (const [m, n, k] of shapes) {
          for (const [transA, transB] of [[false, false], [false, true], [true, false], [true, true]]) {
            const B = resident(makeCase(Kind, transA, transB, m, n, k, 1, 0).B, 3);
            const c0 = makeCase(Kind, transA, transB, m, n, k, 1, 0);
            const packed = packB(transB, k, n, B.view, c0.ldb);
            expect(packed).not.toBeNull();
            for (const [alpha, beta] of [[1, 0], [-0.5, 1]]) {
              const c = { ...makeCase(Kind, transA, transB, m, n, k, alpha, beta), B: c0.B };
              const A = resident(c.A, 1), C = resident(c.C, 5);
              gemmPackedB(transA, m, alpha, A.view, c.lda, packed!, beta, C.view, c.ldc);
              const ratio = errorRatio(c, C.view, naive(c), u);
              expect(ratio, `${m}x${n}x${k} ${transA} ${transB} ${alpha} ${beta}`).toBeLessThan(1);
              for (const x of [A, C]) releaseArray(x.block);
            }
            releasePackedB(packed!);
            releaseArray(B.block);
          }
        }
      }
    });
  }

  it('packs nothing for operands outside kernel memory', () => {
    expect(packB(false, 2, 2, new Float64Array(4), 2)).toBeNull();
  });
});
