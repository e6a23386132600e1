import { describe, expect, it } from 'vitest';
import { LModelBackward, LModelForward } from '../src/model.js';
import { ShapeError, ValueError } from '../src/errors.js';
import { copy, fromRows, toRows, zeros } from '../src/matrix.js';
import { initializeParametersDeep } from '../src/initialization.js';
import type { Parameters } from '../src/parameters.js';
import { courseCases, expectMatrix, toMatrix } from './helpers/reference.js';

function paramsOf(raw: Record<string, any>): Parameters {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, toMatrix(v)])) as Parameters;
}

describe('LModelForward', () => {
  for (const c of courseCases.LModelForward) {
    it(`matches the reference case ${c.id}`, () => {
      const [AL, caches] = LModelForward(toMatrix(c.inputs.X), paramsOf(c.inputs.parameters));
      expectMatrix(AL, c.expected.AL, c.tolerance, 'AL');
      expect(caches.length).toBe(c.expected.num_caches);
      c.expected.caches.forEach((e: any, i: number) => {
        const [[A, W, b], Z] = caches[i];
        expectMatrix(A, e.A_prev, c.tolerance, `caches[${i}].A_prev`);
        expectMatrix(W, e.W, { exact: true }, `caches[${i}].W`);
        expectMatrix(b, e.b, { exact: true }, `caches[${i}].b`);
        expectMatrix(Z, e.Z, c.tolerance, `caches[${i}].Z`);
      });
    });
  }

  it('accepts a transposed X and agrees with its contiguous copy', () => {
    const parameters = initializeParametersDeep([3, 4, 1], { seed: 1, scale: 'he' });
    const Xt = fromRows([[0.1, 0.2, 0.3], [1, -1, 2], [0, 5, -3], [2, 2, 2], [9, 0, 1]]).transpose(1, 0);
    expect(toRows(LModelForward(Xt, parameters)[0])).toEqual(toRows(LModelForward(copy(Xt), parameters)[0]));
  });

  it('explains an X that does not fit W1', () => {
    const parameters = initializeParametersDeep([3, 2, 1]);
    expect(() => LModelForward(zeros(4, 5), parameters))
      .toThrow('LModelForward: X is [4, 5] but must be [3, any]; X must have one row per column of W1 (3)');
  });

  it('rejects NaN in X, naming the element', () => {
    const X = fromRows([[1, NaN], [0, 0], [1, 1]]);
    expect(() => LModelForward(X, initializeParametersDeep([3, 1])))
      .toThrow('LModelForward: X[0, 1] is NaN; every value must be finite');
  });

  it('rejects missing and extra parameter keys', () => {
    const p = initializeParametersDeep([3, 2, 1]) as Record<string, any>;
    const { b2, ...missing } = p;
    expect(b2).toBeDefined();
    expect(() => LModelForward(zeros(3, 1), missing as Parameters)).toThrow(/has W1..W2 but no b2/);
    expect(() => LModelForward(zeros(3, 1), { ...p, W9: zeros(1, 1) } as Parameters))
      .toThrow(/unexpected key\(s\) W9/);
  });

  it('rejects weights whose shapes do not chain', () => {
    const p = { W1: zeros(2, 3), b1: zeros(2, 1), W2: zeros(1, 4), b2: zeros(1, 1) } as Parameters;
    expect(() => LModelForward(zeros(3, 1), p)).toThrow(ShapeError);
    expect(() => LModelForward(zeros(3, 1), p)).toThrow(/parameters.W2 is \[1, 4\] but parameters.W1 is \[2, 3\]/);
  });
});

describe('LModelBackward', () => {
  for (const c of courseCases.LModelBackward) {
    it(`matches the reference case ${c.id}`, () => {
      const caches = c.inputs.caches.map((k: any) => [
        [toMatrix(k.A_prev), toMatrix(k.W), toMatrix(k.b)], toMatrix(k.Z),
      ]);
      const grads = LModelBackward(toMatrix(c.inputs.AL), toMatrix(c.inputs.Y), caches) as Record<string, any>;
      expect(Object.keys(grads).sort()).toEqual(Object.keys(c.expected.grads).sort());
      for (const [key, expected] of Object.entries(c.expected.grads)) {
        expectMatrix(grads[key], expected as any, c.tolerance, key);
      }
    });
  }

  it('rejects labels outside {0, 1}', () => {
    const parameters = initializeParametersDeep([2, 1]);
    const [AL, caches] = LModelForward(fromRows([[1], [2]]), parameters);
    expect(() => LModelBackward(AL, fromRows([[0.5]]), caches))
      .toThrow('LModelBackward: Y[0, 0] is 0.5; labels must be 0 or 1');
  });

  it('rejects AL and Y of different shapes', () => {
    const parameters = initializeParametersDeep([2, 1]);
    const [AL, caches] = LModelForward(fromRows([[1], [2]]), parameters);
    expect(() => LModelBackward(AL, fromRows([[1, 0]]), caches)).toThrow(ShapeError);
  });

  it('rejects an empty cache list', () => {
    expect(() => LModelBackward(fromRows([[0.5]]), fromRows([[1]]), [])).toThrow(ValueError);
  });
});
