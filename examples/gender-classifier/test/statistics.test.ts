import { describe, expect, it } from 'vitest';
import { mean, median, pairedDifference, standardDeviation } from '../scripts/statistics.js';

describe('selection statistics', () => {
  it('gives the mean and the sample standard deviation', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    // deviations -2, -1, 0, 3: squares sum to 14, over n - 1 = 3
    expect(standardDeviation([1, 2, 3, 6])).toBeCloseTo(Math.sqrt(14 / 3), 15);
    expect(standardDeviation([0.7])).toBe(0);
  });

  it('gives the median of odd and even counts, whatever their order', () => {
    expect(median([0.9, 0.8, 0.85])).toBe(0.85);
    expect(median([0.9, 0.8, 0.85, 0.7])).toBeCloseTo(0.825, 15);
  });

  it('pairs the runs: a constant gap has no standard error', () => {
    expect(pairedDifference([0.8, 0.6, 0.9], [0.7, 0.5, 0.8])).toEqual({
      difference: expect.closeTo(0.1, 12), standardError: expect.closeTo(0, 12),
    });
    // gaps 0.1 and -0.1: mean 0, sd sqrt(0.02), standard error sqrt(0.02) / sqrt(2) = 0.1
    const { difference, standardError } = pairedDifference([0.6, 0.4], [0.5, 0.5]);
    expect(difference).toBeCloseTo(0, 12);
    expect(standardError).toBeCloseTo(0.1, 12);
  });
});
