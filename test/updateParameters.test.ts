import { describe, expect, it } from 'vitest';
import { updateParameters } from '../src/updateParameters.js';
import { ShapeError, ValueError } from '../src/errors.js';
import { fromRows, toRows, zeros } from '../src/matrix.js';
import type { Gradients, Parameters } from '../src/parameters.js';
import { courseCases, expectMatrix, toMatrix } from './helpers/reference.js';

const dictOf = (raw: Record<string, any>) =>
  Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, toMatrix(v)]));

describe('updateParameters', () => {
  for (const c of courseCases.updateParameters) {
    it(`matches the reference case ${c.id}`, () => {
      const parameters = dictOf(c.inputs.parameters) as Parameters;
      const grads = dictOf(c.inputs.grads) as Gradients;
      const before = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, toRows(v)]));
      const out = updateParameters(parameters, grads, c.inputs.learningRate) as Record<string, any>;
      for (const [key, expected] of Object.entries(c.expected.parameters)) {
        expectMatrix(out[key], expected as any, c.tolerance, key);
      }
      for (const [k, v] of Object.entries(parameters)) expect(toRows(v)).toEqual(before[k]);
    });
  }

  const p = { W1: fromRows([[1, 2]]), b1: fromRows([[0]]) } as Parameters;

  it('rejects a gradient shaped unlike its parameter', () => {
    const g = { dW1: zeros(2, 1), db1: zeros(1, 1) } as Gradients;
    expect(() => updateParameters(p, g, 0.1))
      .toThrow('updateParameters: grads.dW1 is [2, 1] but parameters.W1 is [1, 2]; they must have the same shape');
  });

  it('rejects missing and unexpected gradient keys', () => {
    expect(() => updateParameters(p, { dW1: zeros(1, 2) } as Gradients, 0.1)).toThrow(/grads has no db1/);
    const extra = { dW1: zeros(1, 2), db1: zeros(1, 1), dW2: zeros(1, 1) } as Gradients;
    expect(() => updateParameters(p, extra, 0.1)).toThrow(/grads has an unexpected key 'dW2'/);
  });

  it('rejects a learning rate that is not positive and finite', () => {
    const g = { dW1: zeros(1, 2), db1: zeros(1, 1) } as Gradients;
    for (const lr of [0, -1, NaN, Infinity]) expect(() => updateParameters(p, g, lr)).toThrow(ValueError);
  });

  it('accepts dA keys as LModelBackward returns them', () => {
    const g = { dA0: zeros(2, 3), dW1: fromRows([[1, 1]]), db1: fromRows([[1]]) } as Gradients;
    expect(toRows(updateParameters(p, g, 1).W1)).toEqual([[0, 1]]);
  });

  it('rejects non-finite gradients', () => {
    const g = { dW1: fromRows([[Infinity, 1]]), db1: zeros(1, 1) } as Gradients;
    expect(() => updateParameters(p, g, 0.1)).toThrow('updateParameters: grads.dW1[0, 0] is Infinity');
  });

  it('is typed: ShapeError for shapes', () => {
    expect(() => updateParameters(p, { dW1: zeros(3, 3), db1: zeros(1, 1) } as Gradients, 0.1)).toThrow(ShapeError);
  });
});
