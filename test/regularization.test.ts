import { describe, expect, it } from 'vitest';
import {
  addL2ToGradients, computeCostWithRegularization, l2CostTerm, l2GradientTerm,
} from '../src/regularization.js';
import { fromRows, toRows, zeros } from '../src/matrix.js';
import type { Gradients, Parameters } from '../src/parameters.js';
import { ShapeError, ValueError } from '../src/errors.js';
import { asTransposedView, dict, fixture, m, rowsOf } from './helpers/trainingFixture.js';

const c = fixture.l2;
const parameters = (): Parameters => dict<Parameters>(c.parameters);
// numpy sums with pairwise summation, dnn-lite left to right: a few ulps apart at most.
const SUM_TOLERANCE = 1e-14;
// Central differences of a quadratic are exact up to rounding of the cost at these steps.
const FD_STEP = 1e-5;
const FD_TOLERANCE = 1e-7;

describe('computeCostWithRegularization', () => {
  it('matches the numpy cross-entropy plus L2 penalty', () => {
    const cost = computeCostWithRegularization(m(c.AL), m(c.Y), parameters(), c.lambd);
    expect(Math.abs(cost - c.cost) / c.cost).toBeLessThan(SUM_TOLERANCE);
  });

  it('is the plain cross-entropy with lambd = 0', () => {
    const cost = computeCostWithRegularization(m(c.AL), m(c.Y), parameters(), 0);
    expect(Math.abs(cost - c.crossEntropyCost) / c.crossEntropyCost).toBeLessThan(SUM_TOLERANCE);
  });

  it('gives the documented example', () => {
    const cost = computeCostWithRegularization(fromRows([[0.5, 0.5]]), fromRows([[1, 0]]),
      { W1: fromRows([[2]]), b1: fromRows([[0]]) } as Parameters, 0.1);
    expect(cost).toBe(0.7931471805599453);
  });

  it('counts 0 log 0 as 0 when a probability is exactly the label', () => {
    const cost = computeCostWithRegularization(fromRows([[1, 0]]), fromRows([[1, 0]]),
      { W1: fromRows([[0]]), b1: fromRows([[0]]) } as Parameters, 1);
    expect(cost).toBe(0);
  });

  it('refuses mismatched shapes, labels outside {0, 1}, AL outside [0, 1], negative lambd', () => {
    const p = parameters();
    expect(() => computeCostWithRegularization(zeros(1, 3), zeros(1, 4), p, 0.1)).toThrow(ShapeError);
    expect(() => computeCostWithRegularization(zeros(1, 3), zeros(1, 4), p, 0.1)).toThrow(
      'computeCostWithRegularization: AL is [1, 3] but Y is [1, 4]; they must have the same shape');
    expect(() => computeCostWithRegularization(zeros(2, 3), zeros(2, 3), p, 0.1)).toThrow(/AL is \[2, 3\]/);
    expect(() => computeCostWithRegularization(fromRows([[0.5]]), fromRows([[2]]), p, 0.1)).toThrow(
      'computeCostWithRegularization: Y[0, 0] is 2; labels must be 0 or 1');
    expect(() => computeCostWithRegularization(fromRows([[1.5]]), fromRows([[1]]), p, 0.1)).toThrow(ValueError);
    expect(() => computeCostWithRegularization(fromRows([[0.5]]), fromRows([[1]]), p, -1)).toThrow(
      'computeCostWithRegularization: lambd is -1; it must be a finite number >= 0');
    expect(() => computeCostWithRegularization(zeros(1, 0), zeros(1, 0), p, 0.1)).toThrow(/no columns/);
  });
});

describe('l2CostTerm', () => {
  it('matches the numpy penalty and ignores the biases', () => {
    const term = l2CostTerm(parameters(), c.lambd, c.AL[0].length);
    expect(Math.abs(term - c.l2CostTerm) / c.l2CostTerm).toBeLessThan(SUM_TOLERANCE);
    const shifted = { ...parameters(), b1: fromRows([[100], [200], [300]]) } as Parameters;
    expect(l2CostTerm(shifted, c.lambd, c.AL[0].length)).toBe(term);
  });

  it('has l2GradientTerm as its derivative (central finite differences)', () => {
    const p = parameters();
    const mExamples = 5;
    const lambd = c.lambd;
    for (const key of ['W1', 'W2'] as const) {
      const analytic = toRows(l2GradientTerm(p[key], lambd, mExamples));
      const [rows, cols] = p[key].shape;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const at = (delta: number): number => {
            const W = fromRows(toRows(p[key]));
            W.set(i, j, W.get(i, j) + delta);
            return l2CostTerm({ ...p, [key]: W } as Parameters, lambd, mExamples);
          };
          const numeric = (at(FD_STEP) - at(-FD_STEP)) / (2 * FD_STEP);
          expect(Math.abs(numeric - analytic[i][j])).toBeLessThan(FD_TOLERANCE);
        }
      }
    }
  });

  it('refuses m < 1 and parameters with an extra key', () => {
    expect(() => l2CostTerm(parameters(), 0.1, 0)).toThrow('l2CostTerm: m is 0; it must be an integer >= 1');
    expect(() => l2CostTerm({ ...parameters(), W9x: zeros(1, 1) } as Parameters, 0.1, 1)).toThrow(
      "l2CostTerm: parameters has an unexpected key 'W9x'");
  });
});

describe('l2GradientTerm', () => {
  it('is lambd / m times W, for a view too', () => {
    const W = m(c.parameters.W1);
    const expected = toRows(W).map((r) => r.map((x) => (c.lambd / 5) * x));
    expect(toRows(l2GradientTerm(W, c.lambd, 5))).toEqual(expected);
    expect(toRows(l2GradientTerm(asTransposedView(W), c.lambd, 5))).toEqual(expected);
    expect(toRows(l2GradientTerm(fromRows([[1, -2]]), 0.5, 5))).toEqual([[0.1, -0.2]]);
  });

  it('refuses a non-finite W', () => {
    expect(() => l2GradientTerm(fromRows([[Infinity]]), 0.1, 1)).toThrow(
      'l2GradientTerm: W[0, 0] is Infinity; every value must be finite');
  });
});

describe('addL2ToGradients', () => {
  it('adds lambd / m W to every dW as numpy does, bit for bit, and keeps db', () => {
    const grads = dict<Gradients>(c.grads);
    const out = addL2ToGradients(grads, parameters(), c.lambd, 5);
    expect(rowsOf(out)).toEqual(c.gradsWithL2);
    expect(out.db1).toBe(grads.db1);
    expect(rowsOf(grads)).toEqual(c.grads);
  });

  it('keeps dA entries and refuses a gradient shaped unlike its weight', () => {
    const grads = { ...dict<Gradients>(c.grads), dA1: zeros(3, 5) } as Gradients;
    expect(addL2ToGradients(grads, parameters(), c.lambd, 5).dA1).toBe(grads.dA1);
    const bad = { ...grads, dW1: zeros(2, 3) } as Gradients;
    expect(() => addL2ToGradients(bad, parameters(), c.lambd, 5)).toThrow(
      'addL2ToGradients: grads.dW1 is [2, 3] but parameters.W1 is [3, 2]; they must have the same shape');
  });
});

describe('documented examples', () => {
  it('l2CostTerm and addL2ToGradients print what their TSDoc says', () => {
    expect(l2CostTerm({ W1: fromRows([[1, 2]]), b1: fromRows([[5]]) } as Parameters, 0.1, 5)).toBe(0.05000000000000001);
    const p = { W1: fromRows([[1, -2]]), b1: fromRows([[0]]) } as Parameters;
    const g = { dW1: fromRows([[1, 1]]), db1: fromRows([[3]]) } as Gradients;
    expect(toRows(addL2ToGradients(g, p, 0.5, 5).dW1)).toEqual([[1.1, 0.8]]);
  });
});
