/**
 * Training recipes and the settings of one training run.
 */
import { hogFeatureCount } from './hog.js';
import { FEATURES } from './image.js';

/** The reference network: 12288 inputs, hidden layers of 30, 20, 7 and 5 units, one output. */
export const REFERENCE_LAYERS: readonly number[] = [FEATURES, 30, 20, 7, 5, 1];

/**
 * How to train: `reference` is the reference assignment's recipe, `improved` the one
 * chosen on a validation split of the training set by scripts/select-recipe.ts, `ensemble`
 * the improved recipe's networks averaged, their number chosen by scripts/select-ensemble.ts,
 * `hog` networks on HOG features instead of pixels, chosen the same way.
 */
export type Recipe = 'reference' | 'improved' | 'ensemble' | 'hog';

export const RECIPES: readonly Recipe[] = ['reference', 'improved', 'ensemble', 'hog'];

/** What the network sees of a photo: its 12288 pixel values, or its HOG features (hog.ts). */
export type InputFeatures = 'pixels' | 'hog';

/** Everything a recipe fixes: network, initialisation, optimizer, schedule, data. */
export interface RecipeSettings {
  /** [12288, n[1], ..., 1]: the photo's values, the hidden layers, the output */
  readonly layers: readonly number[];
  /** what the first layer takes in: the pixels, or the HOG features computed from them */
  readonly features: InputFeatures;
  /** side of a HOG cell in pixels (used with features 'hog') */
  readonly hogCell: number;
  /** initial weights randn * sqrt(1 / n[l-1]) ('xavier') or randn * sqrt(2 / n[l-1]) ('he') */
  readonly init: 'xavier' | 'he';
  /** full-batch gradient descent, plain or with momentum 0.9 */
  readonly optimizer: 'gd' | 'momentum';
  readonly learningRate: number;
  readonly iterations: number;
  /** L2 regularisation strength lambda; 0 for none */
  readonly lambd: number;
  /** inverse-time decay: iteration t steps with learningRate / (1 + decayRate * t); 0 for none */
  readonly decayRate: number;
  /** whether each training photo is also shown mirrored left-right */
  readonly mirrorImages: boolean;
  /** networks trained from different initial weights whose probabilities are averaged */
  readonly members: number;
}

/** One training run: a recipe, possibly with some values changed, and a seed. */
export interface TrainSettings extends RecipeSettings {
  readonly recipe: Recipe;
  /** seed of the weight initialisation */
  readonly seed: number;
}

/** The reference's settings: 2500 iterations of full-batch gradient descent at 0.0075. */
export const REFERENCE_RECIPE: RecipeSettings = {
  layers: REFERENCE_LAYERS,
  features: 'pixels',
  hogCell: 8,
  init: 'xavier',
  optimizer: 'gd',
  learningRate: 0.0075,
  iterations: 2500,
  lambd: 0,
  decayRate: 0,
  mirrorImages: false,
  members: 1,
};

/** The improved recipe; README.md tells how scripts/select-recipe.ts chose it. */
export const IMPROVED_RECIPE: RecipeSettings = {
  layers: REFERENCE_LAYERS,
  features: 'pixels',
  hogCell: 8,
  init: 'he',
  optimizer: 'momentum',
  learningRate: 0.005,
  iterations: 900,
  lambd: 0,
  decayRate: 0,
  mirrorImages: true,
  members: 1,
};

/** The improved recipe's networks, several of them averaged; README.md tells how many and why. */
export const ENSEMBLE_RECIPE: RecipeSettings = { ...IMPROVED_RECIPE, members: 5 };

/** Networks on HOG features; README.md tells how scripts/select-recipe.ts chose the values. */
export const HOG_RECIPE: RecipeSettings = {
  ...IMPROVED_RECIPE,
  layers: [FEATURES, 30, 20, 1],
  features: 'hog',
  hogCell: 8,
  learningRate: 0.02,
  lambd: 5,
  iterations: 800,
  members: 10,
};

export const RECIPE_SETTINGS: Readonly<Record<Recipe, RecipeSettings>> = {
  reference: REFERENCE_RECIPE,
  improved: IMPROVED_RECIPE,
  ensemble: ENSEMBLE_RECIPE,
  hog: HOG_RECIPE,
};

/**
 * The layer sizes of the network itself: `settings.layers` with its first entry (the photo's
 * 12288 values) replaced by the number of inputs the network gets, HOG features or pixels.
 *
 * @example
 * ```ts
 * networkLayers({ ...HOG_RECIPE }); // [1764, 30, 20, 1]
 * ```
 */
export function networkLayers(settings: Pick<RecipeSettings, 'layers' | 'features' | 'hogCell'>): number[] {
  const inputs = settings.features === 'hog' ? hogFeatureCount(settings.hogCell) : FEATURES;
  return [inputs, ...settings.layers.slice(1)];
}

/**
 * The init seed of member j (1..members) of a run with seed `seed`: the seed itself for a
 * single network, else seed * 1000 + j, so that the members of different seeds differ.
 *
 * @example
 * ```ts
 * memberSeed(3, 1, 1); // 3
 * memberSeed(3, 2, 5); // 3002
 * ```
 */
export function memberSeed(seed: number, j: number, members: number): number {
  return members === 1 ? seed : seed * 1000 + j;
}

/** The reference recipe with seed 1, the command line's defaults. */
export const REFERENCE_SETTINGS: TrainSettings = { ...REFERENCE_RECIPE, recipe: 'reference', seed: 1 };

/**
 * A recipe's settings with some values replaced.
 *
 * @param recipe - which recipe
 * @param seed - seed of the weight initialisation
 * @param changes - values to use instead of the recipe's; undefined ones are ignored
 * @returns the settings of one run
 */
export function trainSettings(
  recipe: Recipe,
  seed: number,
  changes: Partial<RecipeSettings> = {},
): TrainSettings {
  const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  return { ...RECIPE_SETTINGS[recipe], ...given, recipe, seed };
}

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
