/**
 * Learning-rate decay: a learning rate that shrinks as the epochs go by, as the course's
 * `update_lr` and `schedule_lr_decay`.
 *
 * @packageDocumentation
 */
import { ValueError } from './errors.js';
import { assertInteger, assertPositiveNumber } from './internal/check.js';

/**
 * A learning rate for a trainer: a constant, or a function of the epoch (0-based) that
 * returns the rate to use during that epoch.
 *
 * @example
 * ```ts
 * const constant: LearningRateSchedule = 0.0075;
 * const decayed: LearningRateSchedule = (epoch) => updateLr(0.1, epoch, 1);
 * ```
 */
export type LearningRateSchedule = number | ((epoch: number) => number);

function assertDecayRate(fn: string, decayRate: unknown): asserts decayRate is number {
  if (typeof decayRate !== 'number' || !Number.isFinite(decayRate) || decayRate < 0) {
    const shown = typeof decayRate === 'number' ? String(decayRate) : typeof decayRate;
    throw new ValueError(fn, `decayRate is ${shown}; ` +
      'it must be a finite number >= 0');
  }
}

/**
 * The learning rate after `epochNum` epochs of inverse-time decay:
 * learningRate0 / (1 + decayRate * epochNum), computed as the course does,
 * `(1 / (1 + decay_rate * epoch_num)) * learning_rate0`, so it rounds the same way.
 *
 * @param learningRate0 - the initial learning rate, a positive finite number
 * @param epochNum - the epoch, an integer >= 0
 * @param decayRate - how fast the rate falls, a finite number >= 0 (0: no decay)
 * @returns the decayed learning rate
 * @throws {@link ValueError} if an argument is outside its range
 * @example
 * ```ts
 * updateLr(0.5, 2, 1); // 0.16666666666666666
 * ```
 */
export function updateLr(learningRate0: number, epochNum: number, decayRate: number): number {
  const fn = 'updateLr';
  assertPositiveNumber(fn, 'learningRate0', learningRate0);
  assertInteger(fn, 'epochNum', epochNum, 0);
  assertDecayRate(fn, decayRate);
  return (1 / (1 + decayRate * epochNum)) * learningRate0;
}

/**
 * The learning rate after `epochNum` epochs of stepwise inverse-time decay, lowered only
 * every `timeInterval` epochs: learningRate0 / (1 + decayRate * floor(epochNum / timeInterval)),
 * computed in the course's order so it rounds the same way.
 *
 * @param learningRate0 - the initial learning rate, a positive finite number
 * @param epochNum - the epoch, an integer >= 0
 * @param decayRate - how fast the rate falls, a finite number >= 0
 * @param timeInterval - epochs between two decreases, an integer >= 1
 * @returns the decayed learning rate
 * @throws {@link ValueError} if an argument is outside its range
 * @example
 * ```ts
 * scheduleLrDecay(0.5, 2500, 1, 1000); // 0.16666666666666666
 * ```
 */
export function scheduleLrDecay(
  learningRate0: number, epochNum: number, decayRate: number, timeInterval = 1000,
): number {
  const fn = 'scheduleLrDecay';
  assertPositiveNumber(fn, 'learningRate0', learningRate0);
  assertInteger(fn, 'epochNum', epochNum, 0);
  assertDecayRate(fn, decayRate);
  assertInteger(fn, 'timeInterval', timeInterval, 1);
  return (1 / (1 + decayRate * Math.floor(epochNum / timeInterval))) * learningRate0;
}

/**
 * The learning rate a schedule gives for one epoch, checked: a trainer calls this once per
 * epoch so a schedule that returns garbage is caught where it happens.
 *
 * @param schedule - a constant rate or a function of the epoch
 * @param epoch - the epoch, an integer >= 0
 * @returns the rate, a positive finite number
 * @throws {@link ValueError} if the schedule is neither, or its rate is not a positive
 *   finite number
 * @example
 * ```ts
 * learningRateAt((e) => updateLr(0.5, e, 1), 2); // 0.16666666666666666
 * learningRateAt(0.01, 7); // 0.01
 * ```
 */
export function learningRateAt(schedule: LearningRateSchedule, epoch: number): number {
  const fn = 'learningRateAt';
  assertInteger(fn, 'epoch', epoch, 0);
  if (typeof schedule === 'number') {
    assertPositiveNumber(fn, 'schedule', schedule);
    return schedule;
  }
  if (typeof schedule !== 'function') {
    throw new ValueError(fn, `schedule is ${schedule === null ? 'null' : typeof schedule}; ` +
      'it must be a number or a function of the epoch');
  }
  const rate = schedule(epoch);
  assertPositiveNumber(fn, `schedule(${epoch})`, rate);
  return rate;
}
