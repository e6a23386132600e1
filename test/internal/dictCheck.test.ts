import { describe, expect, it } from 'vitest';
import { assertBeta, assertLikeParameters, assertParameters } from '../../src/internal/dictCheck.js';
import { fromRows, zeros } from '../../src/matrix.js';
import type { Parameters } from '../../src/parameters.js';
import { ShapeError, ValueError } from '../../src/errors.js';

const p = (): Parameters => ({ W1: zeros(3, 2), b1: zeros(3, 1), W2: zeros(1, 3), b2: zeros(1, 1) }) as Parameters;

describe('assertParameters', () => {
  it('returns the number of layers of a well-formed dictionary', () => {
    expect(assertParameters('f', 'parameters', p())).toBe(2);
  });

  it('names the key and the rule for each kind of malformed dictionary', () => {
    expect(() => assertParameters('f', 'parameters', null)).toThrow('f: parameters must be an object of matrices, got null');
    expect(() => assertParameters('f', 'parameters', { ...p(), b2: zeros(2, 1) })).toThrow(
      'f: parameters.W2 is [1, 3] but parameters.b2 is [2, 1]; b2 must be [1, 1]');
    expect(() => assertParameters('f', 'parameters', { ...p(), W2: zeros(1, 4) })).toThrow(ShapeError);
    expect(() => assertParameters('f', 'parameters', { ...p(), b3: zeros(1, 1) })).toThrow(
      "f: parameters has an unexpected key 'b3'; it must hold exactly W1, b1, ..., W2, b2");
    expect(() => assertParameters('f', 'parameters', { ...p(), W1: fromRows([[0, 0], [0, -Infinity], [0, 0]]) }))
      .toThrow('f: parameters.W1[1, 1] is -Infinity; every value must be finite');
  });
});

describe('assertLikeParameters', () => {
  const g = { dW1: zeros(3, 2), db1: zeros(3, 1), dW2: zeros(1, 3), db2: zeros(1, 1) };

  it('allows dA keys only when not exact', () => {
    expect(() => assertLikeParameters('f', 'grads', { ...g, dA1: zeros(3, 4) }, p(), 2, false)).not.toThrow();
    expect(() => assertLikeParameters('f', 'v', { ...g, dA1: zeros(3, 4) }, p(), 2, true)).toThrow(ValueError);
  });
});

describe('assertBeta', () => {
  it('accepts [0, 1) only', () => {
    expect(() => assertBeta('f', 'beta', 0)).not.toThrow();
    expect(() => assertBeta('f', 'beta', 0.999)).not.toThrow();
    expect(() => assertBeta('f', 'beta', 1)).toThrow('f: beta is 1; it must be a number in [0, 1)');
    expect(() => assertBeta('f', 'beta', '0.5')).toThrow('f: beta is string');
  });
});
