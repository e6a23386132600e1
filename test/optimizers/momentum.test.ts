import { describe, expect, it } from 'vitest';
import { initializeVelocity, updateParametersWithMomentum, type Velocity } from '../../src/optimizers/momentum.js';
import { fromRows, toRows, zeros } from '../../src/matrix.js';
import type { Gradients, Parameters } from '../../src/parameters.js';
import { ShapeError, ValueError } from '../../src/errors.js';
import { asTransposedView, dict, fixture, rowsOf } from '../helpers/trainingFixture.js';

const c = fixture.momentum;
const start = (): Parameters => dict<Parameters>(c.parameters);

describe('initializeVelocity', () => {
  it('gives zeros shaped like every parameter', () => {
    const v = initializeVelocity(start());
    expect(Object.keys(v)).toEqual(['dW1', 'db1', 'dW2', 'db2']);
    expect(v.dW1.shape).toEqual([3, 2]);
    expect(v.db2.shape).toEqual([1, 1]);
    expect(Object.values(v).every((M) => toRows(M).flat().every((x) => x === 0))).toBe(true);
  });

  it('refuses a parameter dictionary without W1', () => {
    expect(() => initializeVelocity({} as Parameters)).toThrow('initializeVelocity: parameters has no W1');
  });
});

describe('updateParametersWithMomentum', () => {
  it('matches the numpy formulas bit for bit over three steps', () => {
    let parameters = start();
    let v = initializeVelocity(parameters);
    for (const step of c.steps) {
      [parameters, v] = updateParametersWithMomentum(
        parameters, dict<Gradients>(step.grads), v, c.beta, c.learningRate);
      expect(rowsOf(parameters)).toEqual(step.parameters);
      expect(rowsOf(v)).toEqual(step.v);
    }
  });

  it('returns new objects and leaves its inputs unchanged', () => {
    const parameters = start();
    const grads = dict<Gradients>(c.steps[0].grads);
    const v = initializeVelocity(parameters);
    const [p1, v1] = updateParametersWithMomentum(parameters, grads, v, c.beta, c.learningRate);
    expect(p1).not.toBe(parameters);
    expect(v1.dW1).not.toBe(v.dW1);
    expect(rowsOf(parameters)).toEqual(c.parameters);
    expect(rowsOf(grads)).toEqual(c.steps[0].grads);
    expect(rowsOf(v)).toEqual(rowsOf(initializeVelocity(parameters)));
  });

  it('accepts transposed views and ignores dA entries of the gradients', () => {
    const views = Object.fromEntries(Object.entries(start()).map(([k, M]) => [k, asTransposedView(M)]));
    const grads = { ...dict<Gradients>(c.steps[0].grads), dA1: zeros(3, 4) } as Gradients;
    const [p1, v1] = updateParametersWithMomentum(
      views as Parameters, grads, initializeVelocity(start()), c.beta, c.learningRate);
    expect(rowsOf(p1)).toEqual(c.steps[0].parameters);
    expect(rowsOf(v1)).toEqual(c.steps[0].v);
  });

  it('is plain gradient descent with beta = 0', () => {
    const p = { W1: fromRows([[1, 2]]), b1: fromRows([[3]]) } as Parameters;
    const g = { dW1: fromRows([[0.5, -1]]), db1: fromRows([[2]]) } as Gradients;
    const [p1] = updateParametersWithMomentum(p, g, initializeVelocity(p), 0, 0.1);
    expect(rowsOf(p1)).toEqual({ W1: [[1 - 0.1 * 0.5, 2 + 0.1]], b1: [[3 - 0.1 * 2]] });
  });

  it('gives the documented example', () => {
    const p = { W1: fromRows([[1]]), b1: fromRows([[0]]) } as Parameters;
    const g = { dW1: fromRows([[1]]), db1: fromRows([[2]]) } as Gradients;
    const [p1, v1] = updateParametersWithMomentum(p, g, initializeVelocity(p), 0.9, 0.1);
    expect(toRows(v1.dW1)).toEqual([[0.09999999999999998]]);
    expect(toRows(p1.W1)).toEqual([[0.99]]);
  });

  describe('refuses bad input without modifying anything', () => {
    const call = (patch: { grads?: object; v?: object; beta?: number; lr?: number }) => {
      const parameters = start();
      const grads = { ...dict<Gradients>(c.steps[0].grads), ...patch.grads } as Gradients;
      const v = { ...initializeVelocity(parameters), ...patch.v } as Velocity;
      const before = [rowsOf(parameters), rowsOf(grads), rowsOf(v)];
      let error: unknown;
      try {
        updateParametersWithMomentum(parameters, grads, v, patch.beta ?? 0.9, patch.lr ?? 0.01);
      } catch (e) { error = e; }
      expect([rowsOf(parameters), rowsOf(grads), rowsOf(v)]).toEqual(before);
      return error as Error;
    };

    it('beta outside [0, 1)', () => {
      for (const beta of [1, -0.1, NaN, 2]) {
        const e = call({ beta });
        expect(e).toBeInstanceOf(ValueError);
        expect(e.message).toContain('updateParametersWithMomentum: beta is');
        expect(e.message).toContain('[0, 1)');
      }
    });

    it('a learning rate that is not positive', () => {
      expect(call({ lr: 0 }).message).toBe(
        'updateParametersWithMomentum: learningRate is 0; it must be a positive finite number');
      expect(call({ lr: Infinity })).toBeInstanceOf(ValueError);
    });

    it('a gradient shaped unlike its parameter', () => {
      const e = call({ grads: { dW2: zeros(3, 1) } });
      expect(e).toBeInstanceOf(ShapeError);
      expect(e.message).toBe('updateParametersWithMomentum: grads.dW2 is [3, 1] but parameters.W2 is ' +
        '[1, 3]; they must have the same shape');
    });

    it('a missing, extra or non-finite velocity entry', () => {
      const parameters = start();
      const { db2: _dropped, ...v } = initializeVelocity(parameters) as Record<string, unknown>;
      expect(() => updateParametersWithMomentum(parameters, dict<Gradients>(c.steps[0].grads),
        v as Velocity, 0.9, 0.01)).toThrow('updateParametersWithMomentum: v has no db2');
      expect(call({ v: { dW3: zeros(1, 1) } }).message).toContain("v has an unexpected key 'dW3'");
      expect(call({ v: { db1: fromRows([[0], [NaN], [0]]) } }).message).toBe(
        'updateParametersWithMomentum: v.db1[1, 0] is NaN; every value must be finite');
    });

    it('a gradient dictionary without dW1', () => {
      const parameters = start();
      const { dW1: _dropped, ...grads } = dict<Gradients>(c.steps[0].grads) as Record<string, unknown>;
      expect(() => updateParametersWithMomentum(
        parameters, grads as Gradients, initializeVelocity(parameters), 0.9, 0.01)).toThrow(
        'updateParametersWithMomentum: grads has no dW1');
    });
  });
});
