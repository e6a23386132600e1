import { describe, expect, it } from 'vitest';
import { randomMiniBatches } from '../src/miniBatches.js';
import { fromRows, toRows, zeros } from '../src/matrix.js';
import { createRng } from '../src/random.js';
import { ShapeError, ValueError } from '../src/errors.js';
import { asTransposedView, fixture, m } from './helpers/trainingFixture.js';

describe('randomMiniBatches', () => {
  for (const c of fixture.miniBatches) {
    it(`reproduces numpy's batches for m = ${c.m}, size ${c.miniBatchSize}, seed ${c.seed}`, () => {
      const batches = randomMiniBatches(m(c.X), m(c.Y), c.miniBatchSize, c.seed);
      expect(batches.map(([Xb, Yb]) => ({ X: toRows(Xb), Y: toRows(Yb) }))).toEqual(c.batches);
    });
  }

  it('cuts full batches first and one short batch last', () => {
    const X = zeros(2, 130);
    const Y = zeros(1, 130);
    expect(randomMiniBatches(X, Y, 64, 0).map(([Xb]) => Xb.shape)).toEqual([[2, 64], [2, 64], [2, 2]]);
    expect(randomMiniBatches(X, Y, 65, 0).map(([, Yb]) => Yb.shape)).toEqual([[1, 65], [1, 65]]);
  });

  it('keeps each label with its example', () => {
    const X = fromRows([[0, 1, 2, 3, 4, 5, 6]]);
    const Y = fromRows([[0, 10, 20, 30, 40, 50, 60]]);
    for (const [Xb, Yb] of randomMiniBatches(X, Y, 3, 9)) {
      expect(toRows(Yb)[0]).toEqual(toRows(Xb)[0].map((x) => x * 10));
    }
  });

  it('uses numpy permutation order of the seed: the examples of the documented call', () => {
    const batches = randomMiniBatches(fromRows([[0, 1, 2, 3, 4]]), fromRows([[0, 1, 0, 1, 0]]), 2, 0);
    expect(batches.map(([Xb]) => toRows(Xb))).toEqual([[[2, 0]], [[1, 3]], [[4]]]);
  });

  it('draws from a given rng instead of the seed, so successive epochs differ', () => {
    const c = fixture.miniBatches[3];
    const rng = createRng(c.seed);
    const first = randomMiniBatches(m(c.X), m(c.Y), c.miniBatchSize, 12345, rng);
    const second = randomMiniBatches(m(c.X), m(c.Y), c.miniBatchSize, 12345, rng);
    expect(first.map(([Xb]) => toRows(Xb))).toEqual(c.batches.map((b: { X: unknown }) => b.X));
    expect(second.map(([Xb]) => toRows(Xb))).not.toEqual(first.map(([Xb]) => toRows(Xb)));
  });

  it('accepts transposed views and leaves its inputs unchanged', () => {
    const c = fixture.miniBatches[1];
    const X = asTransposedView(m(c.X));
    const Y = asTransposedView(m(c.Y));
    const batches = randomMiniBatches(X, Y, c.miniBatchSize, c.seed);
    expect(batches.map(([Xb, Yb]) => ({ X: toRows(Xb), Y: toRows(Yb) }))).toEqual(c.batches);
    expect(toRows(X)).toEqual(c.X);
    expect(toRows(Y)).toEqual(c.Y);
  });

  it('refuses X and Y with different numbers of examples, naming both shapes', () => {
    expect(() => randomMiniBatches(zeros(2, 5), zeros(1, 4))).toThrow(ShapeError);
    expect(() => randomMiniBatches(zeros(2, 5), zeros(1, 4))).toThrow(
      'randomMiniBatches: X is [2, 5] but Y is [1, 4]');
  });

  it('refuses m = 0, a non-matrix and a batch size that is not a positive integer', () => {
    expect(() => randomMiniBatches(zeros(2, 0), zeros(1, 0))).toThrow(/X is \[2, 0\] with no columns/);
    expect(() => randomMiniBatches([[1]] as never, zeros(1, 1))).toThrow(ShapeError);
    for (const size of [0, -1, 1.5, NaN]) {
      expect(() => randomMiniBatches(zeros(2, 3), zeros(1, 3), size)).toThrow(ValueError);
    }
    expect(() => randomMiniBatches(zeros(2, 3), zeros(1, 3), 0)).toThrow(/miniBatchSize is 0/);
    expect(() => randomMiniBatches(zeros(2, 3), zeros(1, 3), 2, -1)).toThrow(ValueError);
  });
});
