import { describe, expect, it } from 'vitest';
import { linearActivationBackward, linearActivationForward } from '../src/linearActivation.js';
import { ValueError } from '../src/errors.js';
import { fromRows, toRows, zeros } from '../src/matrix.js';
import { courseCases, expectMatrix, toMatrix } from './helpers/reference.js';

describe('linearActivationForward', () => {
  for (const c of courseCases.linearActivationForward) {
    it(`matches the reference case ${c.id}`, () => {
      const { A_prev, W, b, activation } = c.inputs;
      const [A, [[cA, cW, cb], Z]] = linearActivationForward(toMatrix(A_prev), toMatrix(W), toMatrix(b), activation);
      expectMatrix(A, c.expected.A, c.tolerance, 'A');
      expectMatrix(cA, c.expected.cache.A_prev, { exact: true }, 'cache A_prev');
      expectMatrix(cW, c.expected.cache.W, { exact: true }, 'cache W');
      expectMatrix(cb, c.expected.cache.b, { exact: true }, 'cache b');
      expectMatrix(Z, c.expected.cache.Z, c.tolerance, 'cache Z');
    });
  }

  it('rejects an unknown activation', () => {
    expect(() => linearActivationForward(zeros(1, 1), zeros(1, 1), zeros(1, 1), 'tanh' as never))
      .toThrow(`linearActivationForward: activation is "tanh"; it must be 'relu' or 'sigmoid'`);
  });
});

describe('linearActivationBackward', () => {
  for (const c of courseCases.linearActivationBackward) {
    it(`matches the reference case ${c.id}`, () => {
      const { dA, cache, activation } = c.inputs;
      const linearCache = [toMatrix(cache.A_prev), toMatrix(cache.W), toMatrix(cache.b)] as [any, any, any];
      const [dAprev, dW, db] = linearActivationBackward(toMatrix(dA), [linearCache, toMatrix(cache.Z)], activation);
      expectMatrix(dAprev, c.expected.dA_prev, c.tolerance, 'dA_prev');
      expectMatrix(dW, c.expected.dW, c.tolerance, 'dW');
      expectMatrix(db, c.expected.db, c.tolerance, 'db');
    });
  }

  it('matches its documented example', () => {
    const [, cache] = linearActivationForward(fromRows([[1, 2]]), fromRows([[1]]), fromRows([[0]]), 'sigmoid');
    const [, , db] = linearActivationBackward(fromRows([[1, 1]]), cache, 'sigmoid');
    expect(toRows(db)[0][0]).toBeCloseTo(0.15080275932249423, 15);
  });

  it('rejects a malformed cache', () => {
    expect(() => linearActivationBackward(zeros(1, 1), [] as never, 'relu')).toThrow(ValueError);
  });
});
