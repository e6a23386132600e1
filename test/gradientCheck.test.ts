import { describe, expect, it } from 'vitest';
import { gradientCheck } from '../src/gradientCheck.js';
import { ValueError } from '../src/errors.js';
import { initializeParametersDeep } from '../src/initialization.js';
import { fromRows, toRows } from '../src/matrix.js';
import type { Parameters } from '../src/parameters.js';
import { createRng } from '../src/random.js';
import { randomNetwork } from './helpers/networks.js';

const MAX_RELATIVE_DIFFERENCE = 1e-7;

function randomLabels(seed: number, m: number) {
  const rng = createRng(seed);
  return fromRows([Array.from({ length: m }, () => (rng.random() < 0.5 ? 1 : 0))]);
}

describe('gradientCheck', () => {
  const networks: number[][] = [[4, 3, 1], [5, 4, 3, 1], [3, 1], [6, 5, 4, 2, 1], [2, 7, 7, 1], [8, 6, 1]];
  networks.forEach((dims, k) => {
    it(`confirms LModelBackward by central differences on ${dims.join('-')}`, () => {
      const parameters = randomNetwork(dims, 10 + k);
      const m = 3 + 2 * k;
      const X = createRng(20 + k).randn(dims[0], m);
      const result = gradientCheck(parameters, X, randomLabels(30 + k, m));
      expect(result.difference).toBeLessThan(MAX_RELATIVE_DIFFERENCE);
      expect(result.passed).toBe(true);
    });
  });

  it('reports a failure when finite differences disagree with the analytic gradient', () => {
    // With a coarse step the central difference no longer approximates the derivative.
    const parameters = { W1: fromRows([[0.5, -0.25]]), b1: fromRows([[0.1]]) } as Parameters;
    const X = fromRows([[1, 2], [3, -1]]);
    const ok = gradientCheck(parameters, X, fromRows([[1, 0]]));
    expect(ok.passed).toBe(true);
    const coarse = gradientCheck(parameters, X, fromRows([[1, 0]]), { epsilon: 0.5, threshold: 1e-7 });
    expect(coarse.passed).toBe(false);
    expect(coarse.difference).toBeGreaterThan(1e-4);
  });

  it('leaves the parameters untouched', () => {
    const parameters = initializeParametersDeep([3, 2, 1], { scale: 'he' });
    const before = toRows(parameters.W2);
    gradientCheck(parameters, createRng(1).randn(3, 4), fromRows([[1, 0, 0, 1]]));
    expect(toRows(parameters.W2)).toEqual(before);
  });

  it('rejects a bad epsilon', () => {
    const parameters = initializeParametersDeep([3, 1]);
    expect(() => gradientCheck(parameters, createRng(1).randn(3, 2), fromRows([[1, 0]]), { epsilon: 0 }))
      .toThrow(ValueError);
  });
});
