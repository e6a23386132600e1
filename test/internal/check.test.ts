import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { assertMatrix } from '../../src/internal/check.js';
import { ShapeError } from '../../src/errors.js';
import { fromRows } from '../../src/matrix.js';

describe('assertMatrix', () => {
  it('accepts in-bounds views of every kind', () => {
    const M = fromRows([[1, 2, 3], [4, 5, 6]]);
    for (const V of [M, M.transpose(1, 0), M.step(-1, -1), M.lo(1, 1), M.hi(0, 0)]) {
      expect(() => assertMatrix('f', 'M', V)).not.toThrow();
    }
  });

  it('rejects a view that would read past its buffer, which ndarray itself allows', () => {
    const outside = ndarray(new Float64Array(4), [2, 3]);
    expect(() => assertMatrix('f', 'M', outside))
      .toThrow('f: M is a [2, 3] view with stride [3, 1] and offset 0 that reaches index 5 of a buffer of 4; every element must lie inside the buffer');
  });

  it('rejects non-2-D arrays, other dtypes and plain arrays', () => {
    expect(() => assertMatrix('f', 'X', ndarray(new Float64Array(3), [3]))).toThrow('f: X is [3] with 1 dimension(s); it must be 2-D');
    expect(() => assertMatrix('f', 'X', ndarray(new Float32Array(4), [2, 2]))).toThrow('f: X stores Float32Array; it must be backed by a Float64Array');
    expect(() => assertMatrix('f', 'X', [[1]])).toThrow(ShapeError);
    expect(() => assertMatrix('f', 'X', null)).toThrow('f: X must be a 2-D ndarray, got null');
  });
});
