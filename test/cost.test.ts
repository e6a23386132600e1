import { describe, expect, it } from 'vitest';
import { computeCost } from '../src/cost.js';
import { ShapeError, ValueError } from '../src/errors.js';
import { fromRows, toRows } from '../src/matrix.js';
import { courseCases, toMatrix, withinTolerance } from './helpers/reference.js';

describe('computeCost', () => {
  for (const c of courseCases.computeCost) {
    it(`matches the reference case ${c.id}`, () => {
      const cost = computeCost(toMatrix(c.inputs.AL), toMatrix(c.inputs.Y));
      expect(withinTolerance(cost, c.expected.cost, c.tolerance), `${cost} vs ${c.expected.cost}`).toBe(true);
    });
  }

  it('counts 0 * log 0 as 0 when the sigmoid saturated on the right side', () => {
    expect(computeCost(fromRows([[1, 0]]), fromRows([[1, 0]]))).toBe(0);
  });

  it('is +Infinity when a label has probability exactly 0', () => {
    expect(computeCost(fromRows([[0, 0.5]]), fromRows([[1, 0]]))).toBe(Infinity);
  });

  it('rejects probabilities outside [0, 1] and NaN', () => {
    expect(() => computeCost(fromRows([[1.2]]), fromRows([[1]])))
      .toThrow('computeCost: AL[0, 0] is 1.2; probabilities must lie in [0, 1]');
    expect(() => computeCost(fromRows([[NaN]]), fromRows([[1]]))).toThrow(ValueError);
  });

  it('rejects labels outside {0, 1}', () => {
    expect(() => computeCost(fromRows([[0.5]]), fromRows([[2]])))
      .toThrow('computeCost: Y[0, 0] is 2; labels must be 0 or 1');
  });

  it('rejects shapes that differ and m = 0', () => {
    expect(() => computeCost(fromRows([[0.5, 0.5]]), fromRows([[1]]))).toThrow(ShapeError);
    expect(() => computeCost(fromRows([[]]), fromRows([[]]))).toThrow(/at least one example/);
  });

  it('reads a reversed view', () => {
    const AL = fromRows([[0.8, 0.9, 0.4]]), Y = fromRows([[1, 1, 0]]);
    expect(computeCost(AL.step(1, -1), Y.step(1, -1))).toBeCloseTo(computeCost(AL, Y), 15);
    expect(toRows(AL)).toEqual([[0.8, 0.9, 0.4]]);
  });
});
