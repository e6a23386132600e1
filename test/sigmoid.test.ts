import { describe, expect, it } from 'vitest';
import { sigmoid, sigmoidBackward } from '../src/sigmoid.js';
import { ShapeError } from '../src/errors.js';
import { copy, fromRows, toRows } from '../src/matrix.js';
import { courseCases, expectMatrix, toMatrix } from './helpers/reference.js';

describe('sigmoid', () => {
  for (const c of courseCases.sigmoid) {
    it(`matches the reference case ${c.id}`, () => {
      const Z = toMatrix(c.inputs.Z);
      const [A, cache] = sigmoid(Z);
      expectMatrix(A, c.expected.A, c.tolerance, 'A');
      expectMatrix(cache, c.expected.cache.Z, { exact: true }, 'cache Z');
    });
  }

  it('saturates without NaN at plus or minus 800', () => {
    const [A] = sigmoid(fromRows([[-800, 800, -40, 40]]));
    const [lo, hi, l40, h40] = toRows(A)[0];
    expect(lo).toBe(0);
    expect(hi).toBe(1);
    expect(l40).toBeGreaterThan(0);
    expect(h40).toBe(1);
  });

  it('accepts a transposed view and gives the transpose of the contiguous result', () => {
    const Z = fromRows([[1, -2, 3], [0.5, 0, -7]]);
    const [At] = sigmoid(Z.transpose(1, 0));
    const [A] = sigmoid(Z);
    expect(toRows(At)).toEqual(toRows(copy(A.transpose(1, 0))));
  });

  it('rejects a non-matrix', () => {
    expect(() => sigmoid([[1]] as never)).toThrow(ShapeError);
  });
});

describe('sigmoidBackward', () => {
  for (const c of courseCases.sigmoidBackward) {
    it(`matches the reference case ${c.id}`, () => {
      const dZ = sigmoidBackward(toMatrix(c.inputs.dA), toMatrix(c.inputs.cache.Z));
      expectMatrix(dZ, c.expected.dZ, c.tolerance, 'dZ');
    });
  }

  it('names both shapes when dA and Z differ', () => {
    expect(() => sigmoidBackward(fromRows([[1, 2]]), fromRows([[1], [2]])))
      .toThrow('sigmoidBackward: dA is [1, 2] but cache (Z) is [2, 1]; they must have the same shape');
  });

  it('is finite when the sigmoid saturates', () => {
    const dZ = sigmoidBackward(fromRows([[1, 1]]), fromRows([[-800, 800]]));
    expect(toRows(dZ)).toEqual([[0, 0]]);
  });
});
