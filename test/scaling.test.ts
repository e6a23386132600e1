import { describe, expect, it } from 'vitest';
import { fitMinMaxScaler, fitStandardScaler, minMaxScaler, standardScaler } from '../src/scaling.js';
import { fromRows, toRows, zeros } from '../src/matrix.js';
import { ShapeError, ValueError } from '../src/errors.js';
import { asTransposedView, fixture, m, maxRelativeError } from './helpers/trainingFixture.js';

const c = fixture.scaling;
// numpy's mean and std use pairwise sums; dnn-lite sums left to right.
const STAT_TOLERANCE = 1e-13;

describe('fitStandardScaler', () => {
  it('matches numpy mean and std (ddof 0) per feature, and the scaled values', () => {
    const s = fitStandardScaler(m(c.X));
    expect(maxRelativeError(s.mean, m(c.mean))).toBeLessThan(STAT_TOLERANCE);
    expect(maxRelativeError(s.std, m(c.std))).toBeLessThan(STAT_TOLERANCE);
    const Z = toRows(s.transform(m(c.X)));
    const expected: number[][] = c.standardized;
    Z.forEach((r, i) => r.forEach((z, j) => expect(Math.abs(z - expected[i][j])).toBeLessThan(1e-12)));
  });

  it('maps a constant feature to 0 with its value as mean and std 0', () => {
    const s = fitStandardScaler(m(c.X));
    expect(toRows(s.mean)[2]).toEqual([0.1]);
    expect(toRows(s.std)[2]).toEqual([0]);
    expect(toRows(s.transform(m(c.X)))[2].every((z) => z === 0)).toBe(true);
  });

  it('applies the fitted statistics to new data and undoes them', () => {
    const s = fitStandardScaler(fromRows([[1, 3], [5, 5]]));
    expect(toRows(s.mean)).toEqual([[2], [5]]);
    expect(toRows(s.std)).toEqual([[1], [0]]);
    expect(toRows(s.transform(fromRows([[1, 3], [5, 5]])))).toEqual([[-1, 1], [0, 0]]);
    expect(toRows(s.transform(fromRows([[4], [7]])))).toEqual([[2], [2]]);
    expect(toRows(s.inverseTransform(fromRows([[2], [2]])))).toEqual([[4], [7]]);
  });

  it('accepts a view and leaves it unchanged', () => {
    const X = asTransposedView(m(c.X));
    const s = fitStandardScaler(X);
    expect(maxRelativeError(s.mean, m(c.mean))).toBeLessThan(STAT_TOLERANCE);
    expect(toRows(X)).toEqual(c.X);
  });

  it('refuses m = 0, NaN, and data with another number of features', () => {
    expect(() => fitStandardScaler(zeros(2, 0))).toThrow(ShapeError);
    expect(() => fitStandardScaler(fromRows([[1, NaN]]))).toThrow(
      'fitStandardScaler: X[0, 1] is NaN; every value must be finite');
    const s = fitStandardScaler(m(c.X));
    expect(() => s.transform(zeros(2, 4))).toThrow(
      'StandardScaler.transform: X is [2, 4] but must be [3, any]; X must have one row per fitted feature');
  });
});

describe('standardScaler', () => {
  it('rebuilds a scaler from saved statistics, keeping its own copies', () => {
    const mean = fromRows([[10]]);
    const s = standardScaler(mean, fromRows([[2]]));
    mean.set(0, 0, 0);
    expect(toRows(s.transform(fromRows([[12, 8]])))).toEqual([[1, -1]]);
  });

  it('refuses a negative std and statistics of different lengths', () => {
    expect(() => standardScaler(fromRows([[0]]), fromRows([[-1]]))).toThrow(ValueError);
    expect(() => standardScaler(zeros(2, 1), zeros(3, 1))).toThrow(/std is \[3, 1\] but must be \[2, 1\]/);
  });
});

describe('fitMinMaxScaler', () => {
  it('matches numpy min, max and scaled values exactly', () => {
    const s = fitMinMaxScaler(m(c.X));
    expect(toRows(s.min)).toEqual(c.min);
    expect(toRows(s.max)).toEqual(c.max);
    expect(toRows(s.transform(m(c.X)))).toEqual(c.minMaxScaled);
  });

  it('maps the fitted range onto [0, 1], and beyond for new data', () => {
    const s = fitMinMaxScaler(fromRows([[2, 4, 6]]));
    expect(toRows(s.transform(fromRows([[2, 4, 6, 8]])))).toEqual([[0, 0.5, 1, 1.5]]);
    expect(toRows(s.inverseTransform(fromRows([[0, 0.5, 1.5]])))).toEqual([[2, 4, 8]]);
  });

  it('refuses a max below its min when rebuilt from statistics', () => {
    expect(() => minMaxScaler(fromRows([[1]]), fromRows([[0]]))).toThrow(
      'minMaxScaler: max[0, 0] is 0 but min[0, 0] is 1; max must be >= min');
    expect(toRows(minMaxScaler(fromRows([[0]]), fromRows([[255]])).transform(fromRows([[51]])))).toEqual([[0.2]]);
  });
});
