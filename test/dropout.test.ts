import { describe, expect, it } from 'vitest';
import { dropoutBackward, dropoutForward } from '../src/dropout.js';
import { fromRows, toRows, zeros } from '../src/matrix.js';
import { createRng } from '../src/random.js';
import { ShapeError, ValueError } from '../src/errors.js';
import { asTransposedView, fixture, m } from './helpers/trainingFixture.js';

// The forward step is linear in A under a fixed mask, so central differences are exact up
// to the rounding of the sums.
const FD_STEP = 1e-4;
const FD_TOLERANCE = 1e-8;

describe('dropoutForward', () => {
  for (const c of fixture.dropout) {
    it(`draws numpy's mask for seed ${c.seed}, keepProb ${c.keepProb}, and rescales as numpy`, () => {
      const [Adrop, D] = dropoutForward(m(c.A), c.keepProb, createRng(c.seed));
      expect(toRows(D)).toEqual(c.D);
      expect(toRows(Adrop)).toEqual(c.Adrop);
    });
  }

  it('accepts a transposed view and leaves A unchanged', () => {
    const c = fixture.dropout[1];
    const A = asTransposedView(m(c.A));
    const [Adrop, D] = dropoutForward(A, c.keepProb, createRng(c.seed));
    expect(toRows(D)).toEqual(c.D);
    expect(toRows(Adrop)).toEqual(c.Adrop);
    expect(toRows(A)).toEqual(c.A);
  });

  it('gives the documented example', () => {
    const [Adrop, D] = dropoutForward(fromRows([[1, 2, 3, 4]]), 0.5, createRng(1));
    expect(toRows(D)).toEqual([[1, 0, 1, 1]]);
    expect(toRows(Adrop)).toEqual([[2, 0, 6, 8]]);
  });

  it('keeps the expected activation: about keepProb of a large layer survives', () => {
    const [, D] = dropoutForward(zeros(100, 100), 0.8, createRng(0));
    const kept = toRows(D).flat().reduce((a, b) => a + b, 0) / 10000;
    expect(Math.abs(kept - 0.8)).toBeLessThan(0.02);
  });

  it('refuses keepProb outside (0, 1] and a missing rng', () => {
    for (const keepProb of [0, -0.5, 1.01, NaN]) {
      expect(() => dropoutForward(zeros(2, 2), keepProb, createRng(0))).toThrow(ValueError);
    }
    expect(() => dropoutForward(zeros(2, 2), 0, createRng(0))).toThrow(
      'dropoutForward: keepProb is 0; it must be a number in (0, 1]');
    expect(() => dropoutForward(zeros(2, 2), 0.5, undefined as never)).toThrow(/rng must be an Rng/);
    expect(() => dropoutForward(fromRows([[NaN]]), 0.5, createRng(0))).toThrow(/A\[0, 0\] is NaN/);
  });
});

describe('dropoutBackward', () => {
  for (const c of fixture.dropout) {
    it(`passes gradient only through kept units, as numpy, for seed ${c.seed}`, () => {
      expect(toRows(dropoutBackward(m(c.dA), m(c.D), c.keepProb))).toEqual(c.dAdrop);
    });
  }

  it('is the derivative of the forward step under a fixed mask (finite differences)', () => {
    const c = fixture.dropout[0];
    const A = m(c.A);
    const G = m(c.dA); // upstream gradient: the cost is sum(G * Adrop)
    const cost = (X: typeof A): number => {
      const [Adrop] = dropoutForward(X, c.keepProb, createRng(c.seed));
      const a = toRows(Adrop).flat();
      return toRows(G).flat().reduce((s, g, k) => s + g * a[k], 0);
    };
    const [, D] = dropoutForward(A, c.keepProb, createRng(c.seed));
    const analytic = toRows(dropoutBackward(G, D, c.keepProb));
    const [rows, cols] = A.shape;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const plus = fromRows(toRows(A));
        plus.set(i, j, plus.get(i, j) + FD_STEP);
        const minus = fromRows(toRows(A));
        minus.set(i, j, minus.get(i, j) - FD_STEP);
        const numeric = (cost(plus) - cost(minus)) / (2 * FD_STEP);
        expect(Math.abs(numeric - analytic[i][j])).toBeLessThan(FD_TOLERANCE);
      }
    }
  });

  it('refuses a mask of another shape or with values other than 0 and 1', () => {
    expect(() => dropoutBackward(zeros(2, 3), zeros(3, 2), 0.5)).toThrow(ShapeError);
    expect(() => dropoutBackward(zeros(2, 3), zeros(3, 2), 0.5)).toThrow(
      'dropoutBackward: dA is [2, 3] but D is [3, 2]; they must have the same shape');
    expect(() => dropoutBackward(zeros(1, 2), fromRows([[1, 0.5]]), 0.5)).toThrow(
      'dropoutBackward: D[0, 1] is 0.5; a dropout mask holds only 0 and 1');
    expect(() => dropoutBackward(zeros(1, 2), fromRows([[1, 0]]), 1.5)).toThrow(/keepProb is 1.5/);
  });
});
