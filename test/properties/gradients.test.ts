// Property: on random small networks, LModelBackward's gradients are the derivatives of
// computeCost, as central finite differences measure them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradientCheck } from '../../src/gradientCheck.js';
import { type Matrix, toRows } from '../../src/matrix.js';
import { LModelBackward, LModelForward } from '../../src/model.js';
import { computeCost } from '../../src/cost.js';
import type { Parameters } from '../../src/parameters.js';
import { problemOf, setupArb } from './generators.js';

/** The course's bar for a correct backward pass, in float64. */
const RELATIVE_DIFFERENCE = 1e-7;
/** Central differences step over ReLU's kink when a hidden Z lies closer to 0 than this. */
const KINK_MARGIN = 1e-4;
/**
 * Near AL = 1 the cost's log(1 - AL) amplifies AL's rounding error by 1 / (1 - AL), and the
 * central difference divides it by 2 eps: at AL = 0.9998 that alone is ~1e-7 of relative
 * error in the numeric gradient, so probabilities this close to 0 or 1 are left out.
 */
const SATURATION_MARGIN = 1e-2;

function wellConditioned(X: Matrix, parameters: Parameters): boolean {
  const [AL, caches] = LModelForward(X, parameters);
  const hidden = caches.slice(0, -1).flatMap(([, Z]) => toRows(Z).flat());
  const out = toRows(AL).flat();
  return hidden.every((z) => Math.abs(z) > KINK_MARGIN) &&
    out.every((a) => a > SATURATION_MARGIN && a < 1 - SATURATION_MARGIN);
}

describe('gradients match finite differences', () => {
  it('for random shapes, weights, biases, inputs and labels', () => {
    fc.assert(fc.property(setupArb, (setup) => {
      const { X, Y, parameters } = problemOf(setup);
      fc.pre(wellConditioned(X, parameters));
      const { difference, passed, worst } = gradientCheck(parameters, X, Y);
      expect(difference, `worst entry ${JSON.stringify(worst)}`).toBeLessThan(RELATIVE_DIFFERENCE);
      expect(passed).toBe(true);
    }), { numRuns: 40 });
  });

  it('entry by entry, for the gradient of one randomly chosen parameter', () => {
    // An independent check of gradientCheck itself: central differences written out here.
    const eps = 1e-6;
    fc.assert(fc.property(setupArb, fc.nat(), (setup, pick) => {
      const { X, Y, parameters } = problemOf(setup);
      fc.pre(wellConditioned(X, parameters));
      const [AL, caches] = LModelForward(X, parameters);
      const grads = LModelBackward(AL, Y, caches) as Record<string, Matrix>;
      const keys = Object.keys(parameters);
      const key = keys[pick % keys.length];
      const P = (parameters as Record<string, Matrix>)[key];
      const at = (pick >> 3) % P.data.length;
      const theta = P.data[at];
      P.data[at] = theta + eps;
      const plus = computeCost(LModelForward(X, parameters)[0], Y);
      P.data[at] = theta - eps;
      const minus = computeCost(LModelForward(X, parameters)[0], Y);
      P.data[at] = theta;
      const numeric = (plus - minus) / (2 * eps);
      const analytic = grads[`d${key}`].data[at];
      expect(Math.abs(analytic - numeric)).toBeLessThan(1e-6 * (1 + Math.abs(analytic)));
    }), { numRuns: 40 });
  });
});
