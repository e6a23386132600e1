/**
 * Training settings and the reference's values for them.
 */
import { FEATURES } from './image.js';

/** The reference network: 12288 inputs, hidden layers of 30, 20, 7 and 5 units, one output. */
export const REFERENCE_LAYERS: readonly number[] = [FEATURES, 30, 20, 7, 5, 1];

/** How to train: `reference` is the reference assignment's recipe. */
export type Recipe = 'reference' | 'improved';

export const RECIPES: readonly Recipe[] = ['reference', 'improved'];

export interface TrainSettings {
  readonly recipe: Recipe;
  /** seed of the weight initialisation */
  readonly seed: number;
  readonly iterations: number;
  readonly learningRate: number;
  /** [12288, n[1], ..., 1] */
  readonly layers: readonly number[];
}

/** The reference's settings: 2500 iterations of full-batch gradient descent at 0.0075. */
export const REFERENCE_SETTINGS: TrainSettings = {
  recipe: 'reference',
  seed: 1,
  iterations: 2500,
  learningRate: 0.0075,
  layers: REFERENCE_LAYERS,
};

/**
 * Parses a layer list such as "12288,30,20,7,5,1".
 *
 * @param text - comma-separated positive integers, 12288 first and 1 last
 * @returns the layer sizes
 * @throws Error saying what is wrong with the list
 * @example
 * ```ts
 * parseLayers('12288, 20, 1'); // [12288, 20, 1]
 * ```
 */
export function parseLayers(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const layers = parts.map(Number);
  const bad = parts.find((s, i) => s === '' || !Number.isInteger(layers[i]) || layers[i] < 1);
  if (bad !== undefined) {
    throw new Error(`layers "${text}": "${bad}" is not a positive integer`);
  }
  if (layers.length < 2 || layers[0] !== FEATURES || layers[layers.length - 1] !== 1) {
    throw new Error(`layers "${text}" must start with ${FEATURES} (64 x 64 x 3 inputs) and end with 1 (one output)`);
  }
  return layers;
}
