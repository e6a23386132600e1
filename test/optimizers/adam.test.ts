import { describe, expect, it } from 'vitest';
import { initializeAdam, updateParametersWithAdam } from '../../src/optimizers/adam.js';
import { fromRows, toRows, zeros } from '../../src/matrix.js';
import type { Gradients, Parameters } from '../../src/parameters.js';
import { ShapeError, ValueError } from '../../src/errors.js';
import { asTransposedView, dict, fixture, rowsOf } from '../helpers/trainingFixture.js';

const c = fixture.adam;
const start = (): Parameters => dict<Parameters>(c.parameters);

describe('initializeAdam', () => {
  it('gives two separate sets of zeros shaped like the parameters', () => {
    const [v, s] = initializeAdam(start());
    expect(Object.keys(v)).toEqual(['dW1', 'db1', 'dW2', 'db2']);
    expect(Object.keys(s)).toEqual(['dW1', 'db1', 'dW2', 'db2']);
    expect(v.dW1.data).not.toBe(s.dW1.data);
    expect(s.dW2.shape).toEqual([1, 3]);
    expect(toRows(v.db1)).toEqual([[0], [0], [0]]);
  });
});

describe('updateParametersWithAdam', () => {
  it('matches the numpy formulas with bias correction bit for bit for t = 1, 2, 3', () => {
    let parameters = start();
    let [v, s] = initializeAdam(parameters);
    for (const step of c.steps) {
      [parameters, v, s] = updateParametersWithAdam(
        parameters, dict<Gradients>(step.grads), v, s, step.t, c.learningRate, c.beta1, c.beta2, c.epsilon);
      expect(rowsOf(v)).toEqual(step.v);
      expect(rowsOf(s)).toEqual(step.s);
      expect(rowsOf(parameters)).toEqual(step.parameters);
    }
  });

  it('defaults to learningRate 0.01, beta1 0.9, beta2 0.999, epsilon 1e-8', () => {
    const [v, s] = initializeAdam(start());
    const [p1] = updateParametersWithAdam(start(), dict<Gradients>(c.steps[0].grads), v, s, 1);
    expect(rowsOf(p1)).toEqual(c.steps[0].parameters);
  });

  it('moves each weight by about the learning rate on the first step', () => {
    const p = { W1: fromRows([[1]]), b1: fromRows([[0]]) } as Parameters;
    const g = { dW1: fromRows([[0.5]]), db1: fromRows([[-2]]) } as Gradients;
    const [v0, s0] = initializeAdam(p);
    const [p1] = updateParametersWithAdam(p, g, v0, s0, 1, 0.01);
    expect(toRows(p1.W1)).toEqual([[0.9900000002]]); // the documented example
    expect(toRows(p1.W1)[0][0]).toBeCloseTo(0.99, 8);
    expect(toRows(p1.b1)[0][0]).toBeCloseTo(0.01, 8);
  });

  it('accepts views and leaves its inputs unchanged', () => {
    const parameters = Object.fromEntries(
      Object.entries(start()).map(([k, M]) => [k, asTransposedView(M)])) as Parameters;
    const grads = dict<Gradients>(c.steps[0].grads);
    const [v, s] = initializeAdam(parameters);
    const [p1, v1, s1] = updateParametersWithAdam(parameters, grads, v, s, 1);
    expect(rowsOf(p1)).toEqual(c.steps[0].parameters);
    expect(rowsOf(v1)).toEqual(c.steps[0].v);
    expect(rowsOf(s1)).toEqual(c.steps[0].s);
    expect(rowsOf(parameters)).toEqual(c.parameters);
    expect(rowsOf(v)).toEqual(rowsOf(initializeAdam(start())[0]));
    expect(rowsOf(s)).toEqual(rowsOf(initializeAdam(start())[1]));
  });

  it('refuses t that is not an integer >= 1', () => {
    const [v, s] = initializeAdam(start());
    for (const t of [0, -1, 1.5, NaN]) {
      expect(() => updateParametersWithAdam(start(), dict<Gradients>(c.steps[0].grads), v, s, t))
        .toThrow(ValueError);
    }
    expect(() => updateParametersWithAdam(start(), dict<Gradients>(c.steps[0].grads), v, s, 0))
      .toThrow('updateParametersWithAdam: t is 0; it must be an integer >= 1');
  });

  it('refuses betas outside [0, 1), and a learning rate or epsilon that is not positive', () => {
    const [v, s] = initializeAdam(start());
    const g = dict<Gradients>(c.steps[0].grads);
    expect(() => updateParametersWithAdam(start(), g, v, s, 1, 0.01, 1)).toThrow(/beta1 is 1; .*\[0, 1\)/);
    expect(() => updateParametersWithAdam(start(), g, v, s, 1, 0.01, 0.9, -0.5)).toThrow(/beta2 is -0.5/);
    expect(() => updateParametersWithAdam(start(), g, v, s, 1, -0.01)).toThrow(/learningRate is -0.01/);
    expect(() => updateParametersWithAdam(start(), g, v, s, 1, 0.01, 0.9, 0.999, 0)).toThrow(/epsilon is 0/);
  });

  it('refuses a second moment shaped unlike its parameter, naming both shapes', () => {
    const [v, s] = initializeAdam(start());
    const bad = { ...s, db1: zeros(1, 3) };
    expect(() => updateParametersWithAdam(start(), dict<Gradients>(c.steps[0].grads), v, bad, 1))
      .toThrow(ShapeError);
    expect(() => updateParametersWithAdam(start(), dict<Gradients>(c.steps[0].grads), v, bad, 1))
      .toThrow('updateParametersWithAdam: s.db1 is [1, 3] but parameters.b1 is [3, 1]');
  });

  it('refuses parameters whose shapes do not chain', () => {
    const p = { ...start(), W2: zeros(1, 4) } as Parameters;
    expect(() => initializeAdam(p)).toThrow(
      "initializeAdam: parameters.W2 is [1, 4] but parameters.W1 is [3, 2]; W2's columns must equal W1's rows");
  });
});
