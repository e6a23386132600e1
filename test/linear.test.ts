import { describe, expect, it } from 'vitest';
import { linearBackward, linearForward } from '../src/linear.js';
import { ShapeError } from '../src/errors.js';
import { copy, fromRows, toRows, zeros } from '../src/matrix.js';
import { courseCases, expectMatrix, toMatrix } from './helpers/reference.js';

describe('linearForward', () => {
  for (const c of courseCases.linearForward) {
    it(`matches the reference case ${c.id}`, () => {
      const A = toMatrix(c.inputs.A), W = toMatrix(c.inputs.W), b = toMatrix(c.inputs.b);
      const [Z, cache] = linearForward(A, W, b);
      expectMatrix(Z, c.expected.Z, c.tolerance, 'Z');
      expect(cache[0]).toBe(A);
      expect(cache[1]).toBe(W);
      expect(cache[2]).toBe(b);
    });
  }

  it('accepts transposed and sliced views and agrees with contiguous copies', () => {
    const At = fromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9], [0, 0, 0]]).transpose(1, 0).hi(3, 3); // (3, 3) view
    const Wbig = fromRows([[9, 1, 2, 3], [9, -1, 0.5, 2]]);
    const W = Wbig.lo(0, 1); // (2, 3) slice
    const bCol = fromRows([[1], [2]]);
    const [Zv] = linearForward(At, W, bCol);
    const [Zc] = linearForward(copy(At), copy(W), bCol);
    expect(toRows(Zv)).toEqual(toRows(Zc));
  });

  it("names both shapes when W's columns do not match A's rows", () => {
    expect(() => linearForward(zeros(5, 2), zeros(4, 3), zeros(4, 1)))
      .toThrow("linearForward: W is [4, 3] but A_prev is [5, 2]; W's columns must equal A_prev's rows");
  });

  it('rejects a bias that is not (n[l], 1)', () => {
    expect(() => linearForward(zeros(3, 2), zeros(4, 3), zeros(1, 4))).toThrow(ShapeError);
    expect(() => linearForward(zeros(3, 2), zeros(4, 3), zeros(1, 4)))
      .toThrow(/b is \[1, 4\] but must be \[4, 1\]/);
  });

  it('rejects m = 0', () => {
    expect(() => linearForward(zeros(3, 0), zeros(4, 3), zeros(4, 1))).toThrow(/at least one example/);
  });

  it('leaves its inputs untouched', () => {
    const A = fromRows([[1, 2], [3, 4]]), W = fromRows([[1, 1]]), b = fromRows([[5]]);
    linearForward(A, W, b);
    expect(toRows(A)).toEqual([[1, 2], [3, 4]]);
    expect(toRows(b)).toEqual([[5]]);
  });
});

describe('linearBackward', () => {
  for (const c of courseCases.linearBackward) {
    it(`matches the reference case ${c.id}`, () => {
      const cache = [toMatrix(c.inputs.cache.A_prev), toMatrix(c.inputs.cache.W), toMatrix(c.inputs.cache.b)] as const;
      const [dA, dW, db] = linearBackward(toMatrix(c.inputs.dZ), [...cache]);
      expectMatrix(dA, c.expected.dA_prev, c.tolerance, 'dA_prev');
      expectMatrix(dW, c.expected.dW, c.tolerance, 'dW');
      expectMatrix(db, c.expected.db, c.tolerance, 'db');
    });
  }

  it('gives the same gradients for transposed views as for contiguous copies', () => {
    const c = courseCases.linearBackward[0];
    const A = toMatrix(c.inputs.cache.A_prev), W = toMatrix(c.inputs.cache.W), b = toMatrix(c.inputs.cache.b);
    const dZ = toMatrix(c.inputs.dZ);
    const viewOf = (M: ReturnType<typeof copy>) => copy(M.transpose(1, 0)).transpose(1, 0);
    const got = linearBackward(viewOf(dZ), [viewOf(A), viewOf(W), b]);
    const want = linearBackward(dZ, [A, W, b]);
    got.forEach((G, k) => expect(toRows(G)).toEqual(toRows(want[k])));
  });

  it('names the shapes when dZ does not fit the cache', () => {
    expect(() => linearBackward(zeros(3, 5), [zeros(2, 4), zeros(3, 2), zeros(3, 1)]))
      .toThrow('linearBackward: dZ is [3, 5] but must be [3, 4]');
  });

  it('rejects a cache that is not a triple', () => {
    expect(() => linearBackward(zeros(1, 1), [zeros(1, 1)] as never)).toThrow(ShapeError);
  });
});
