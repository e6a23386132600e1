import { describe, expect, it } from 'vitest';
import { relu, reluBackward } from '../src/relu.js';
import { ShapeError } from '../src/errors.js';
import { fromRows, toRows } from '../src/matrix.js';
import { courseCases, expectMatrix, toMatrix } from './helpers/reference.js';

describe('relu', () => {
  for (const c of courseCases.relu) {
    it(`matches the reference case ${c.id}`, () => {
      const [A, cache] = relu(toMatrix(c.inputs.Z));
      expectMatrix(A, c.expected.A, c.tolerance, 'A');
      expectMatrix(cache, c.expected.cache.Z, { exact: true }, 'cache Z');
    });
  }

  it('maps zero and negatives to 0 and keeps the input untouched', () => {
    const Z = fromRows([[-1, 0, 2.5]]);
    const [A, cache] = relu(Z);
    expect(toRows(A)).toEqual([[0, 0, 2.5]]);
    expect(cache).toBe(Z);
    expect(toRows(Z)).toEqual([[-1, 0, 2.5]]);
  });

  it('reads a reversed view in place', () => {
    const [A] = relu(fromRows([[1, -2, 3]]).step(1, -1));
    expect(toRows(A)).toEqual([[3, 0, 1]]);
  });
});

describe('reluBackward', () => {
  for (const c of courseCases.reluBackward) {
    it(`matches the reference case ${c.id}`, () => {
      const dZ = reluBackward(toMatrix(c.inputs.dA), toMatrix(c.inputs.cache.Z));
      expectMatrix(dZ, c.expected.dZ, c.tolerance, 'dZ');
    });
  }

  it('passes the gradient only where Z > 0', () => {
    expect(toRows(reluBackward(fromRows([[4, 4, 4]]), fromRows([[-1, 0, 1]])))).toEqual([[0, 0, 4]]);
  });

  it('rejects mismatched shapes with a ShapeError', () => {
    expect(() => reluBackward(fromRows([[1, 2, 3]]), fromRows([[1, 2]]))).toThrow(ShapeError);
  });
});
