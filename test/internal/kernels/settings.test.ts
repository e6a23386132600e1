import { afterAll, describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { gemmThreads, setGemmThreads } from '../../../src/internal/kernels/settings.js';

afterAll(() => setGemmThreads(undefined));

describe('setGemmThreads', () => {
  it('defaults to two threads, or one on a single core', () => {
    setGemmThreads(undefined);
    expect(gemmThreads()).toBe(Math.min(2, availableParallelism()));
  });

  it('takes an integer count and rejects anything else with the value in the message', () => {
    setGemmThreads(3);
    expect(gemmThreads()).toBe(3);
    expect(() => setGemmThreads(0)).toThrow(/count is 0; it must be an integer in \[1, 64\]/);
    expect(() => setGemmThreads(1.5)).toThrow(/count is 1.5/);
    expect(gemmThreads()).toBe(3);
  });
});
