import { describe, expect, it } from 'vitest';
import { predict, predictProbabilities } from '../src/predict.js';
import { fromRows, toRows, zeros } from '../src/matrix.js';
import type { Parameters } from '../src/parameters.js';
import { courseCases, expectMatrix, toMatrix } from './helpers/reference.js';

describe('predict', () => {
  for (const c of courseCases.predict) {
    it(`matches the reference case ${c.id}`, () => {
      const parameters = Object.fromEntries(
        Object.entries<any>(c.inputs.parameters).map(([k, v]) => [k, toMatrix(v)]),
      ) as Parameters;
      const X = toMatrix(c.inputs.X);
      expectMatrix(predict(X, parameters), c.expected.predictions, c.tolerance.predictions, 'predictions');
      expectMatrix(predictProbabilities(X, parameters), c.expected.probabilities, c.tolerance.default, 'probabilities');
    });
  }

  it('maps exactly 0.5 to 0 as the reference does', () => {
    const parameters = { W1: zeros(1, 2), b1: zeros(1, 1) } as Parameters;
    expect(toRows(predict(fromRows([[1], [2]]), parameters))).toEqual([[0]]);
  });

  it('explains an X that does not fit', () => {
    const parameters = { W1: zeros(1, 2), b1: zeros(1, 1) } as Parameters;
    expect(() => predict(zeros(3, 1), parameters)).toThrow(/predict: X is \[3, 1\]/);
  });
});
