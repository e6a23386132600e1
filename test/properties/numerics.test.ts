// Properties of the numerics: computeCost is infinite exactly when a label's probability
// is 0, the trainer stays finite when the sigmoid saturates, and divergence is reported
// with the iteration and the last finite parameters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DivergenceError, LLayerModel, LModelForward, type Parameters, computeCost, fromRows, toRows,
} from '../../src/index.js';
import { parametersAs, problemOf, setupArb } from './generators.js';

/** Beyond this, sigmoid(z) rounds to exactly 0 or 1 in float64. */
const SATURATED_Z = 40;

const probabilityArb = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));
const costCaseArb = fc.integer({ min: 1, max: 8 }).chain((m) => fc.record({
  AL: fc.array(probabilityArb, { minLength: m, maxLength: m }),
  Y: fc.array(fc.constantFrom(0, 1), { minLength: m, maxLength: m }),
}));

function allFinite(parameters: Parameters): boolean {
  return Object.values(parameters).every((M) => toRows(M).flat().every(Number.isFinite));
}

describe('numerics', () => {
  it('computeCost is +Infinity exactly when some label has probability 0, and never NaN', () => {
    fc.assert(fc.property(costCaseArb, ({ AL, Y }) => {
      const cost = computeCost(fromRows([AL]), fromRows([Y]));
      const impossible = AL.some((a, j) => (Y[j] === 1 ? a === 0 : a === 1));
      expect(Number.isNaN(cost)).toBe(false);
      if (impossible) {
        expect(cost).toBe(Infinity);
        return;
      }
      // Independent sum with 0 * log 0 = 0: only the label's own probability counts.
      const expected = -AL.reduce((s, a, j) => s + Math.log(Y[j] === 1 ? a : 1 - a), 0) / AL.length;
      expect(cost).toBeGreaterThanOrEqual(0);
      expect(Math.abs(cost - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, expected));
    }), { numRuns: 200 });
  });

  it('LLayerModel keeps its costs and parameters finite when the sigmoid saturates', () => {
    fc.assert(fc.property(setupArb, fc.double({ min: 100, max: 1e4, noNaN: true }), (setup, scale) => {
      const { X, Y, parameters } = problemOf(setup);
      const big = parametersAs(parameters, 'contiguous');
      const L = setup.dims.length - 1;
      for (let k = 0; k < big[`W${L}`].data.length; k++) big[`W${L}`].data[k] *= scale;
      const [, caches] = LModelForward(X, big);
      const ZL = toRows(caches[L - 1][1]).flat();
      fc.pre(ZL.some((z) => Math.abs(z) > SATURATED_Z));

      const costs: number[] = [];
      const result = LLayerModel(X, Y, setup.dims, {
        numIterations: 5, learningRate: 1e-3, initialParameters: big, callback: ({ cost }) => { costs.push(cost); },
      });
      expect(costs.every(Number.isFinite), `costs ${costs.join(', ')}`).toBe(true);
      expect(result.history.cost.every(Number.isFinite)).toBe(true);
      expect(allFinite(result.parameters)).toBe(true);
    }), { numRuns: 30 });
  });

  it('LLayerModel reports divergence with its iteration and the last finite parameters', () => {
    // Every example appears twice with opposite labels, so no step reaches a perfect fit
    // where the gradient vanishes. A run that ends without error must be finite throughout.
    let diverged = 0;
    fc.assert(fc.property(setupArb, fc.constantFrom(1e306, 1e308), (setup, learningRate) => {
      const { X: X1, Y: Y1, parameters } = problemOf(setup);
      const X = fromRows(toRows(X1).map((row) => [...row, ...row]));
      const Y = fromRows([[...toRows(Y1)[0], ...toRows(Y1)[0].map((y) => 1 - y)]]);
      const seen: Parameters[] = [];
      let error: unknown = null;
      let result = null;
      try {
        result = LLayerModel(X, Y, setup.dims, {
          numIterations: 50, learningRate, initialParameters: parameters,
          callback: (info) => { seen.push(info.parameters()); },
        });
      } catch (e) {
        error = e;
      }
      if (result) {
        expect(result.history.cost.every(Number.isFinite)).toBe(true);
        expect(allFinite(result.parameters)).toBe(true);
        return;
      }
      diverged++;
      expect(error).toBeInstanceOf(DivergenceError);
      const { iteration, lastFiniteParameters, message } = error as DivergenceError;
      expect(message).toContain(`LLayerModel: training diverged at iteration ${iteration}`);
      expect(iteration).toBe(seen.length);
      const last = (iteration === 0 ? parameters : seen[iteration - 1]);
      const rows = (p: Parameters) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, toRows(v)]));
      expect(rows(lastFiniteParameters as Parameters)).toEqual(rows(last));
      expect(allFinite(lastFiniteParameters as Parameters)).toBe(true);
    }), { numRuns: 30 });
    // About a third diverge; others oscillate between saturated fits at finite, huge weights.
    expect(diverged).toBeGreaterThan(0);
  });
});
