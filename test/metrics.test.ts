import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, f1Score, precision, recall } from '../src/metrics.js';
import { fromRows, zeros } from '../src/matrix.js';
import { createRng } from '../src/random.js';
import { ShapeError, ValueError } from '../src/errors.js';
import { asTransposedView } from './helpers/trainingFixture.js';

const P = fromRows([[1, 0, 1, 1, 0, 0, 1, 0]]);
const Y = fromRows([[1, 0, 0, 1, 1, 0, 1, 1]]);

describe('confusionMatrix', () => {
  it('counts the four outcomes', () => {
    expect(confusionMatrix(P, Y)).toEqual({ tp: 3, fp: 1, fn: 2, tn: 2 });
  });

  it('agrees with counts made independently on random labels, for a view too', () => {
    const rng = createRng(7);
    const p = rng.rand(1, 200).data.map((x) => (x < 0.4 ? 1 : 0));
    const y = rng.rand(1, 200).data.map((x) => (x < 0.6 ? 1 : 0));
    const count = (a: number, b: number) => p.filter((v, k) => v === a && y[k] === b).length;
    const Pm = asTransposedView(fromRows([Array.from(p)]));
    expect(confusionMatrix(Pm, fromRows([Array.from(y)]))).toEqual(
      { tp: count(1, 1), fp: count(1, 0), fn: count(0, 1), tn: count(0, 0) });
  });

  it('refuses labels outside {0, 1} and shapes that differ', () => {
    expect(() => confusionMatrix(fromRows([[0.7]]), fromRows([[1]]))).toThrow(
      'confusionMatrix: predictions[0, 0] is 0.7; labels must be 0 or 1');
    expect(() => confusionMatrix(zeros(1, 3), zeros(1, 2))).toThrow(ShapeError);
    expect(() => confusionMatrix(zeros(1, 0), zeros(1, 0))).toThrow(/no columns/);
  });
});

describe('accuracy', () => {
  it('is the fraction of equal entries', () => {
    expect(accuracy(P, Y)).toBe(5 / 8);
    expect(accuracy(fromRows([[1, 0, 1, 1]]), fromRows([[1, 0, 0, 1]]))).toBe(0.75);
  });

  it('refuses NaN and shapes that differ, naming both shapes', () => {
    expect(() => accuracy(fromRows([[NaN]]), fromRows([[1]]))).toThrow(ValueError);
    expect(() => accuracy(zeros(1, 3), zeros(2, 3))).toThrow(
      'accuracy: predictions is [1, 3] but Y is [2, 3]; they must have the same shape');
  });
});

describe('precision, recall and f1Score', () => {
  it('follow from the confusion matrix', () => {
    expect(precision(P, Y)).toBe(3 / 4);
    expect(recall(P, Y)).toBe(3 / 5);
    expect(f1Score(P, Y)).toBe(6 / 9);
    const p = 3 / 4;
    const r = 3 / 5;
    expect(f1Score(P, Y)).toBeCloseTo((2 * p * r) / (p + r), 15);
  });

  it('are 0 when their denominator is 0', () => {
    const none = zeros(1, 4);
    expect(precision(none, fromRows([[1, 0, 1, 0]]))).toBe(0);
    expect(recall(fromRows([[1, 0, 1, 0]]), none)).toBe(0);
    expect(f1Score(none, none)).toBe(0);
  });

  it('name themselves in their errors', () => {
    expect(() => precision(zeros(1, 2), fromRows([[1, 3]]))).toThrow(/^precision: Y\[0, 1\] is 3/);
    expect(() => recall(zeros(1, 2), zeros(1, 3))).toThrow(/^recall: /);
    expect(() => f1Score(zeros(1, 2), zeros(1, 3))).toThrow(/^f1Score: /);
  });
});
