import ndarray from 'ndarray';
import { afterAll, describe, expect, it } from 'vitest';
import { matmul, matmulInto, setGemmThreads, setSimdAllowed } from '../../src/internal/gemm.js';
import type { NdArray } from '../../src/ndarray.js';

type Arr = NdArray<Float64Array>;

function random(rows: number, cols: number, seed: number): Arr {
  const data = new Float64Array(rows * cols);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 31 - 1;
  }
  return ndarray(data, [rows, cols]);
}

/** The triple loop through get(), independent of strides. */
function naive(A: Arr, B: Arr): number[][] {
  const [n, k] = A.shape;
  const p = B.shape[1];
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    out.push([]);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += A.get(i, t) * B.get(t, j);
      out[i].push(s);
    }
  }
  return out;
}

function expectClose(C: Arr, want: number[][]): void {
  expect(C.shape).toEqual([want.length, want[0]?.length ?? C.shape[1]]);
  want.forEach((row, i) => row.forEach((v, j) => expect(C.get(i, j)).toBeCloseTo(v, 11)));
}

afterAll(() => {
  setSimdAllowed(true);
  setGemmThreads(undefined);
});

describe('matmul', () => {
  for (const simd of [true, false]) {
    const kernel = simd ? 'SIMD' : 'fallback';

    it(`(${kernel}) multiplies contiguous matrices of odd sizes`, () => {
      setSimdAllowed(simd);
      for (const [n, k, p] of [[1, 1, 1], [3, 17, 5], [17, 255, 3], [30, 61, 238]]) {
        const A = random(n, k, 1), B = random(k, p, 2);
        expectClose(matmul(A, B), naive(A, B));
      }
    });

    it(`(${kernel}) reads transposed views in place: W^T dZ, dZ X^T, and both transposed`, () => {
      setSimdAllowed(simd);
      const W = random(30, 67, 3), dZ = random(30, 19, 4), X = random(67, 19, 5);
      expectClose(matmul(W.transpose(1, 0), dZ), naive(W.transpose(1, 0), dZ));
      expectClose(matmul(dZ, X.transpose(1, 0)), naive(dZ, X.transpose(1, 0)));
      expectClose(matmul(X.transpose(1, 0), W.transpose(1, 0)), naive(X.transpose(1, 0), W.transpose(1, 0)));
    });

    it(`(${kernel}) accepts sliced, stepped and reversed views`, () => {
      setSimdAllowed(simd);
      const M = random(40, 50, 6), K = random(60, 20, 7);
      const A = M.hi(17, 33).lo(2, 5); // (15, 28), row stride 50
      const stepped = K.step(2, 1).hi(28, 9); // (28, 9), row stride 40: read in place
      const reversed = K.step(-2, -1).hi(28, 9); // negative strides: copied
      const Bt = M.transpose(1, 0).lo(3, 1).hi(28, 11); // a slice of a transpose
      expectClose(matmul(A, stepped), naive(A, stepped));
      expectClose(matmul(A, reversed), naive(A, reversed));
      expectClose(matmul(A, Bt), naive(A, Bt));
      expectClose(matmul(A.transpose(1, 0).transpose(1, 0), Bt.step(1, -1)), naive(A, Bt.step(1, -1)));
    });

    it(`(${kernel}) handles row and column vectors and empty products`, () => {
      setSimdAllowed(simd);
      const M = random(9, 9, 7);
      const col = M.pick(null, 3); // not used directly: a 1-D view
      expect(col.shape).toEqual([9]);
      const row = M.hi(1, 9), column = M.transpose(1, 0).hi(9, 1);
      expectClose(matmul(row, column), naive(row, column));
      expectClose(matmul(column, row), naive(column, row));
      const empty = matmul(random(3, 0, 1), random(0, 4, 2));
      expect(Array.from(empty.data)).toEqual(new Array(12).fill(0));
    });
  }

  it('splits large products across two threads and gets the same numbers', () => {
    setSimdAllowed(true);
    const A = random(64, 300, 8), B = random(300, 130, 9);
    setGemmThreads(1);
    const one = matmul(A, B);
    setGemmThreads(2);
    const two = matmul(A, B);
    expect(Array.from(two.data)).toEqual(Array.from(one.data));
  });
});

describe('matmulInto', () => {
  it('writes into a transposed or sliced C without touching its neighbours', () => {
    const A = random(5, 7, 10), B = random(7, 6, 11);
    const big = random(12, 12, 12);
    const before = Float64Array.from(big.data);
    const C = big.transpose(1, 0).lo(2, 3).hi(5, 6);
    matmulInto(C, A, B);
    expectClose(C, naive(A, B));
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j < 12; j++) {
        const inside = j >= 2 && j < 7 && i >= 3 && i < 9;
        if (!inside) expect(big.get(i, j)).toBe(before[i * 12 + j]);
      }
    }
  });

  it('is right when C shares storage with an operand', () => {
    const S = random(6, 6, 13);
    const A = S.hi(3, 6), B = S.transpose(1, 0).hi(6, 3);
    const want = naive(A, B);
    matmulInto(S.lo(3, 3), A, B);
    expectClose(S.lo(3, 3), want);
  });
});
