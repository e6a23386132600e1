/**
 * Chooses a recipe on the training set alone (the improved one among the pixel candidates,
 * the hog one among the HOG candidates): stratified 5-fold cross-validation of a few
 * candidate recipes, several init seeds each. The test set is never loaded.
 *
 * For each candidate and each fold, a network is trained on the other four folds (about
 * 190 photos, plus their mirror images if the candidate uses them) and its accuracy on the
 * held-out fold is recorded after every iteration. A candidate's score at iteration count
 * t is the mean held-out accuracy over folds and seeds; the chosen recipe is the
 * candidate and t with the highest score (fewer iterations on a tie).
 *
 * Last it prints every other candidate's mean difference from the chosen one, run by run
 * (same fold, same seed), with the standard error of that difference, so that a gap within
 * the noise of the folds and seeds is seen as such.
 *
 * --fold-seeds repeats all of it over other assignments of the photos to folds, so that the
 * score rests on more runs; with --curves, every candidate's score at every checkpoint is
 * printed too.
 *
 *   npm run select-recipe [-- --data ../../../shared/data/gender --seeds 1,2,3 --fold-seeds 0 --only 'name;name' --curves]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadImageFolder } from '../src/dataset.js';
import { FEATURES } from '../src/image.js';
import { selectColumns, stratifiedFolds } from '../src/folds.js';
import { REFERENCE_RECIPE, type RecipeSettings, trainSettings } from '../src/settings.js';
import { fitNetwork } from '../src/train.js';
import { mean, pairedDifference } from './statistics.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../../../shared/data/gender' },
    seeds: { type: 'string', default: '1,2,3' },
    'folds': { type: 'string', default: '5' },
    'fold-seeds': { type: 'string', default: '0' },
    only: { type: 'string' },
    curves: { type: 'boolean', default: false },
  },
});
const seeds = values.seeds.split(',').map(Number);
const k = Number(values.folds);

/** Iteration counts at which candidates are compared. */
const CHECKPOINT = 100;
/** Seeds of the fold assignments: each gives another split of the photos into folds. */
const foldSeeds = values['fold-seeds'].split(',').map(Number);

const gd = { ...REFERENCE_RECIPE };
const momentum: RecipeSettings = { ...REFERENCE_RECIPE, optimizer: 'momentum', iterations: 1500 };
const hogMomentum: RecipeSettings = {
  ...momentum, features: 'hog', hogCell: 8, init: 'he', mirrorImages: true,
};
const CANDIDATES: Record<string, RecipeSettings> = {
  'reference': gd,
  'reference, mirrored': { ...gd, mirrorImages: true },
  'he, gd, mirrored': { ...gd, init: 'he', mirrorImages: true },
  'xavier, momentum 0.005, mirrored': { ...momentum, learningRate: 0.005, mirrorImages: true },
  'he, momentum 0.005': { ...momentum, init: 'he', learningRate: 0.005 },
  'he, momentum 0.005, mirrored': { ...momentum, init: 'he', learningRate: 0.005, mirrorImages: true },
  'he, momentum 0.005, mirrored, L2 0.5': {
    ...momentum, init: 'he', learningRate: 0.005, mirrorImages: true, lambd: 0.5,
  },
  'he, momentum 0.01, mirrored': { ...momentum, init: 'he', learningRate: 0.01, mirrorImages: true },
  'he, momentum 0.005, mirrored, decay 0.001': {
    ...momentum, init: 'he', learningRate: 0.005, mirrorImages: true, decayRate: 0.001,
  },
  'he, momentum 0.005, mirrored, L2 0.5, decay 0.001': {
    ...momentum, init: 'he', learningRate: 0.005, mirrorImages: true, lambd: 0.5, decayRate: 0.001,
  },
  // Second round: the same network on HOG features of the photos.
  ...Object.fromEntries([[8, 0.005], [8, 0.02], [8, 0.05], [4, 0.02], [16, 0.02]].map(([cell, rate]) => [
    `hog ${cell}, he, momentum ${rate}, mirrored`,
    { ...hogMomentum, hogCell: cell, learningRate: rate },
  ])),
  'hog 8, he, momentum 0.02': { ...hogMomentum, learningRate: 0.02, mirrorImages: false },
  'hog 8, he, momentum 0.02, mirrored, L2 0.5': { ...hogMomentum, learningRate: 0.02, lambd: 0.5 },
  'hog 8, he, momentum 0.02, mirrored, L2 5': { ...hogMomentum, learningRate: 0.02, lambd: 5 },
  'hog 8, he, momentum 0.02, mirrored, L2 10': { ...hogMomentum, learningRate: 0.02, lambd: 10 },
  'hog 8, he, momentum 0.02, mirrored, L2 20': { ...hogMomentum, learningRate: 0.02, lambd: 20 },
  // Third round: smaller networks on the HOG features.
  ...Object.fromEntries([[30], [100], [30, 20]].map((hidden) => [
    `hog 8, he, momentum 0.02, mirrored, L2 5, layers ${hidden.join(', ')}`,
    { ...hogMomentum, learningRate: 0.02, lambd: 5, layers: [FEATURES, ...hidden, 1] },
  ])),
};

const train = await loadImageFolder(join(values.data, 'train'));
const splits = foldSeeds.flatMap((seed) => stratifiedFolds(train.Y, k, seed));
console.log(`${train.files.length} training photos, ${k} stratified folds (fold seeds ${foldSeeds.join(', ')}), ` +
  `init seeds ${seeds.join(', ')}; the test set is not read`);

interface Score {
  name: string;
  iterations: number;
  mean: number;
  worst: number;
  /** held-out accuracy of every run (fold, init seed) at `iterations` */
  perRun: number[];
}
const best: Score[] = [];
const chosenNames = values.only?.split(';') ?? Object.keys(CANDIDATES);
for (const name of chosenNames) {
  const recipe = CANDIDATES[name];
  if (recipe === undefined) throw new Error(`no candidate named "${name}"`);
  const start = performance.now();
  // curves[r][t]: held-out accuracy of run r after t + 1 iterations
  const curves: number[][] = [];
  for (const split of splits) {
    const X = selectColumns(train.X, split.fit);
    const Y = selectColumns(train.Y, split.fit);
    const validation = [selectColumns(train.X, split.validation), selectColumns(train.Y, split.validation)] as const;
    for (const seed of seeds) {
      const settings = trainSettings('improved', seed, recipe);
      curves.push(fitNetwork(X, Y, settings, { validation }).history.validationAccuracy);
    }
  }

  let top: Score = { name, iterations: 0, mean: -1, worst: -1, perRun: [] };
  const means: string[] = [];
  for (let t = CHECKPOINT; t <= recipe.iterations; t += CHECKPOINT) {
    const at = curves.map((c) => c[t - 1]);
    const score = mean(at);
    means.push(`${t}: ${score.toFixed(4)}`);
    if (score > top.mean) top = { name, iterations: t, mean: score, worst: Math.min(...at), perRun: at };
  }
  if (values.curves) console.log(`${name}: mean held-out accuracy at ${means.join(', ')}`);
  best.push(top);
  console.log(`${name.padEnd(40)} best at ${String(top.iterations).padStart(4)} iterations: ` +
    `mean held-out accuracy ${top.mean.toFixed(3)}, worst run ${top.worst.toFixed(3)} ` +
    `(${((performance.now() - start) / 1000).toFixed(0)} s)`);
}

const chosen = best.reduce((a, b) => (b.mean > a.mean ? b : a));
// How far each candidate lies from the chosen one, run by run (same fold, same seed), and the
// standard error of that difference: gaps within it are noise of the folds and seeds.
for (const score of best.filter((b) => b !== chosen)) {
  const { difference, standardError } = pairedDifference(score.perRun, chosen.perRun);
  console.log(`${score.name.padEnd(40)} ${difference.toFixed(4)} +- ${standardError.toFixed(4)} against the chosen`);
}
console.log(`chosen: ${chosen.name}, ${chosen.iterations} iterations`);
