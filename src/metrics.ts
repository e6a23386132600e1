/**
 * Metrics of binary predictions against labels.
 *
 * Legend: m = examples; predictions and Y are (1, m) rows of 0/1; tp, fp, fn, tn = true
 * positives, false positives, false negatives, true negatives.
 *
 * A ratio whose denominator is 0 (precision with no positive prediction, recall with no
 * positive label, F1 with neither) is defined as 0, as scikit-learn's `zero_division=0`:
 * a classifier that never finds a positive gets no credit for it.
 *
 * @packageDocumentation
 */
import type { Matrix } from './matrix.js';
import {
  assertFinite, assertHasExamples, assertLabels, assertMatrix, assertSameShape,
} from './internal/check.js';

/** Counts of the four outcomes of binary predictions. */
export interface ConfusionMatrix {
  /** Predicted 1, label 1. */
  tp: number;
  /** Predicted 1, label 0. */
  fp: number;
  /** Predicted 0, label 1. */
  fn: number;
  /** Predicted 0, label 0. */
  tn: number;
}

function checkPair(fn: string, predictions: Matrix, Y: Matrix, binary: boolean): void {
  assertMatrix(fn, 'predictions', predictions);
  assertMatrix(fn, 'Y', Y);
  assertSameShape(fn, 'predictions', predictions, 'Y', Y);
  assertHasExamples(fn, 'Y', Y);
  if (binary) {
    assertLabels(fn, 'predictions', predictions);
    assertLabels(fn, 'Y', Y);
  } else {
    assertFinite(fn, 'predictions', predictions);
    assertFinite(fn, 'Y', Y);
  }
}

function forEachPair(P: Matrix, Y: Matrix, visit: (p: number, y: number) => void): void {
  const [rows, cols] = Y.shape;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) visit(P.get(i, j), Y.get(i, j));
  }
}

/**
 * The fraction of predictions equal to their label.
 *
 * @param predictions - predicted labels, any finite values, shape (1, m), m >= 1
 * @param Y - true labels, same shape
 * @returns a number in [0, 1]
 * @throws {@link ShapeError} if the shapes differ or m = 0
 * @throws {@link ValueError} if a value is not finite
 * @example
 * ```ts
 * accuracy(fromRows([[1, 0, 1, 1]]), fromRows([[1, 0, 0, 1]])); // 0.75
 * ```
 */
export function accuracy(predictions: Matrix, Y: Matrix): number {
  checkPair('accuracy', predictions, Y, false);
  let equal = 0;
  forEachPair(predictions, Y, (p, y) => { if (p === y) equal++; });
  return equal / Y.size;
}

/**
 * Counts true and false positives and negatives.
 *
 * @param predictions - predicted labels 0 or 1, shape (1, m), m >= 1
 * @param Y - true labels 0 or 1, same shape
 * @returns `{ tp, fp, fn, tn }`, summing to m
 * @throws {@link ShapeError} if the shapes differ or m = 0
 * @throws {@link ValueError} if a value is not 0 or 1
 * @example
 * ```ts
 * confusionMatrix(fromRows([[1, 0, 1, 1]]), fromRows([[1, 0, 0, 1]]));
 * // { tp: 2, fp: 1, fn: 0, tn: 1 }
 * ```
 */
export function confusionMatrix(predictions: Matrix, Y: Matrix): ConfusionMatrix {
  return counts('confusionMatrix', predictions, Y);
}

function counts(fn: string, predictions: Matrix, Y: Matrix): ConfusionMatrix {
  checkPair(fn, predictions, Y, true);
  const c: ConfusionMatrix = { tp: 0, fp: 0, fn: 0, tn: 0 };
  forEachPair(predictions, Y, (p, y) => {
    if (p === 1) {
      if (y === 1) c.tp++; else c.fp++;
    } else if (y === 1) c.fn++; else c.tn++;
  });
  return c;
}

/**
 * Of the examples predicted positive, the fraction that are: tp / (tp + fp); 0 when
 * nothing is predicted positive.
 *
 * @param predictions - predicted labels 0 or 1, shape (1, m), m >= 1
 * @param Y - true labels 0 or 1, same shape
 * @returns a number in [0, 1]
 * @throws {@link ShapeError} if the shapes differ or m = 0
 * @throws {@link ValueError} if a value is not 0 or 1
 * @example
 * ```ts
 * precision(fromRows([[1, 0, 1, 1]]), fromRows([[1, 0, 0, 1]])); // 0.6666666666666666
 * ```
 */
export function precision(predictions: Matrix, Y: Matrix): number {
  const { tp, fp } = counts('precision', predictions, Y);
  return tp + fp === 0 ? 0 : tp / (tp + fp);
}

/**
 * Of the positive examples, the fraction predicted positive: tp / (tp + fn); 0 when there
 * is no positive label.
 *
 * @param predictions - predicted labels 0 or 1, shape (1, m), m >= 1
 * @param Y - true labels 0 or 1, same shape
 * @returns a number in [0, 1]
 * @throws {@link ShapeError} if the shapes differ or m = 0
 * @throws {@link ValueError} if a value is not 0 or 1
 * @example
 * ```ts
 * recall(fromRows([[1, 0, 1, 0]]), fromRows([[1, 0, 0, 1]])); // 0.5
 * ```
 */
export function recall(predictions: Matrix, Y: Matrix): number {
  const { tp, fn } = counts('recall', predictions, Y);
  return tp + fn === 0 ? 0 : tp / (tp + fn);
}

/**
 * The harmonic mean of precision and recall, computed as 2 tp / (2 tp + fp + fn) (equal to
 * 2 P R / (P + R)); 0 when there is neither a positive prediction nor a positive label.
 *
 * @param predictions - predicted labels 0 or 1, shape (1, m), m >= 1
 * @param Y - true labels 0 or 1, same shape
 * @returns a number in [0, 1]
 * @throws {@link ShapeError} if the shapes differ or m = 0
 * @throws {@link ValueError} if a value is not 0 or 1
 * @example
 * ```ts
 * f1Score(fromRows([[1, 0, 1, 1]]), fromRows([[1, 0, 0, 1]])); // 0.8
 * ```
 */
export function f1Score(predictions: Matrix, Y: Matrix): number {
  const { tp, fp, fn } = counts('f1Score', predictions, Y);
  const denominator = 2 * tp + fp + fn;
  return denominator === 0 ? 0 : (2 * tp) / denominator;
}
