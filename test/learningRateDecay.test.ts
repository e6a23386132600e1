import { describe, expect, it } from 'vitest';
import { learningRateAt, scheduleLrDecay, updateLr } from '../src/learningRateDecay.js';
import { ValueError } from '../src/errors.js';
import { fixture } from './helpers/trainingFixture.js';

describe('updateLr', () => {
  for (const c of fixture.decay.updateLr) {
    it(`matches numpy for lr0 ${c.learningRate0}, epoch ${c.epochNum}, decay ${c.decayRate}`, () => {
      expect(updateLr(c.learningRate0, c.epochNum, c.decayRate)).toBe(c.lr);
    });
  }

  it('keeps the rate with decayRate 0 and halves it when decayRate * epoch is 1', () => {
    expect(updateLr(0.3, 50, 0)).toBe(0.3);
    expect(updateLr(0.3, 4, 0.25)).toBe(0.15);
  });

  it('refuses an epoch that is not an integer >= 0, a negative decay, a non-positive rate', () => {
    expect(() => updateLr(0.1, -1, 1)).toThrow('updateLr: epochNum is -1; it must be an integer >= 0');
    expect(() => updateLr(0.1, 1.5, 1)).toThrow(ValueError);
    expect(() => updateLr(0.1, 1, -0.1)).toThrow('updateLr: decayRate is -0.1; it must be a finite number >= 0');
    expect(() => updateLr(0, 1, 1)).toThrow(/learningRate0 is 0/);
    expect(() => updateLr(NaN, 1, 1)).toThrow(ValueError);
  });
});

describe('scheduleLrDecay', () => {
  for (const c of fixture.decay.scheduleLrDecay) {
    it(`matches numpy for epoch ${c.epochNum} with interval ${c.timeInterval}`, () => {
      expect(scheduleLrDecay(c.learningRate0, c.epochNum, c.decayRate, c.timeInterval)).toBe(c.lr);
    });
  }

  it('holds the rate constant within an interval, 1000 epochs by default', () => {
    expect(scheduleLrDecay(0.5, 999, 1)).toBe(0.5);
    expect(scheduleLrDecay(0.5, 1000, 1)).toBe(0.25);
  });

  it('refuses a time interval that is not a positive integer', () => {
    expect(() => scheduleLrDecay(0.5, 10, 1, 0)).toThrow(
      'scheduleLrDecay: timeInterval is 0; it must be an integer >= 1');
  });
});

describe('learningRateAt', () => {
  it('returns a constant schedule unchanged and calls a function schedule with the epoch', () => {
    expect(learningRateAt(0.01, 7)).toBe(0.01);
    expect(learningRateAt((e) => updateLr(0.5, e, 1), 2)).toBe(updateLr(0.5, 2, 1));
  });

  it('refuses a schedule whose rate is not a positive finite number, naming the epoch', () => {
    expect(() => learningRateAt(() => NaN, 3)).toThrow(
      'learningRateAt: schedule(3) is NaN; it must be a positive finite number');
    expect(() => learningRateAt(-1, 0)).toThrow(ValueError);
    expect(() => learningRateAt('0.1' as never, 0)).toThrow(/it must be a number or a function/);
  });
});
