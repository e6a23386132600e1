import { describe, expect, it } from 'vitest';
import { copy, fromArray, fromRows, toRows, zeros } from '../src/matrix.js';
import { ShapeError } from '../src/errors.js';

describe('matrix helpers', () => {
  it('fromRows and toRows round-trip', () => {
    expect(toRows(fromRows([[1, 2, 3], [4, 5, 6]]))).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('toRows reads transposed, sliced and reversed views', () => {
    const M = fromRows([[1, 2, 3], [4, 5, 6]]);
    expect(toRows(M.transpose(1, 0))).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(toRows(M.lo(0, 1).hi(2, 2))).toEqual([[2, 3], [5, 6]]);
    expect(toRows(M.step(-1, 1))).toEqual([[4, 5, 6], [1, 2, 3]]);
  });

  it('copy makes a contiguous matrix that shares nothing', () => {
    const M = fromRows([[1, 2], [3, 4]]);
    const C = copy(M.transpose(1, 0));
    expect(C.stride).toEqual([2, 1]);
    C.set(0, 0, 99);
    expect(M.get(0, 0)).toBe(1);
  });

  it('zeros and fromArray check their sizes', () => {
    expect(zeros(2, 3).shape).toEqual([2, 3]);
    expect(() => zeros(-1, 2)).toThrow('zeros: rows is -1; it must be a non-negative integer');
    expect(fromArray(new Float64Array([1, 2, 3, 4]), 2, 2).get(1, 0)).toBe(3);
    expect(() => fromArray(new Float64Array(3), 2, 2)).toThrow(ShapeError);
  });

  it('fromRows rejects ragged rows', () => {
    expect(() => fromRows([[1, 2], [3]])).toThrow('fromRows: row 1 has 1 entries but row 0 has 2; all rows must have the same length');
    expect(() => fromRows([])).toThrow(ShapeError);
  });
});
