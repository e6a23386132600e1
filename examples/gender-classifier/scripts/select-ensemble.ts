/**
 * Chooses the number of networks of an ensemble on the training set alone: stratified 5-fold
 * cross-validation of ensembles of one recipe's networks (the improved recipe's by default). The
 * test set is never loaded.
 *
 * For each fold and each ensemble seed e, networks with init seeds e * 1000 + 1, ..., e * 1000 + K
 * are trained on the other four folds (about 190 photos and their mirror images), and their
 * probabilities on the held-out fold are kept at a few iteration counts. An ensemble of k networks
 * is the first k of them, its P(male) the mean of theirs; its score is the mean held-out accuracy
 * over folds and ensemble seeds. A single network (k = 1) is scored over all K networks alone.
 *
 *   npm run select-ensemble [-- --data ../../../shared/data/gender --recipe improved --ensemble-seeds 1,2 --members 5]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Matrix } from 'dnn-lite';
import { loadImageFolder } from '../src/dataset.js';
import { selectColumns, stratifiedFolds } from '../src/folds.js';
import { memberSeed, RECIPE_SETTINGS, RECIPES, type Recipe, trainSettings } from '../src/settings.js';
import { fitNetwork, maleProbabilities } from '../src/train.js';

const { values } = parseArgs({
  options: {
    'data': { type: 'string', default: '../../../shared/data/gender' },
    'recipe': { type: 'string', default: 'improved' },
    'ensemble-seeds': { type: 'string', default: '1,2' },
    'members': { type: 'string', default: '5' },
    'folds': { type: 'string', default: '5' },
  },
});
const ensembleSeeds = values['ensemble-seeds'].split(',').map(Number);
const K = Number(values.members);
const nFolds = Number(values.folds);
const recipe = values.recipe as Recipe;
if (!RECIPES.includes(recipe)) throw new Error(`unknown recipe ${recipe}; choose from ${RECIPES.join(', ')}`);
const { iterations, features, hogCell } = RECIPE_SETTINGS[recipe];
/** What the networks take in, as a saved model's metadata says it. */
const inputs = { features, hogCell };
/** Iteration counts at which the held-out probabilities are kept: a third, two thirds, all. */
const CHECKPOINTS = [Math.round(iterations / 3), Math.round((2 * iterations) / 3), iterations];
/** Seed of the fold assignment, the same as select-recipe's. */
const FOLD_SEED = 0;

const train = await loadImageFolder(join(values.data, 'train'));
const splits = stratifiedFolds(train.Y, nFolds, FOLD_SEED);
console.log(`${train.files.length} training photos, ${nFolds} stratified folds (seed ${FOLD_SEED}), ` +
  `${recipe} recipe, ensemble seeds ${ensembleSeeds.join(', ')}, ${K} networks each; the test set is not read`);

// probabilities[run][checkpoint][member]: P(male) of the held-out photos; labels[run]: their labels
const probabilities: number[][][][] = [];
const labels: number[][] = [];
const start = performance.now();
for (const split of splits) {
  const X = selectColumns(train.X, split.fit);
  const Y = selectColumns(train.Y, split.fit);
  const Xv = selectColumns(train.X, split.validation);
  const yv = row(selectColumns(train.Y, split.validation));
  for (const e of ensembleSeeds) {
    const perCheckpoint: number[][][] = CHECKPOINTS.map(() => []);
    for (let j = 1; j <= K; j++) {
      // One network per member: members 1 makes fitNetwork train just this one.
      const settings = trainSettings(recipe, memberSeed(e, j, K), { members: 1 });
      fitNetwork(X, Y, settings, {
        onIteration: ({ iteration }, parameters) => {
          const c = CHECKPOINTS.indexOf(iteration + 1);
          if (c >= 0) {
            const model = { layersDims: [], parameters: parameters(), metadata: inputs };
            perCheckpoint[c].push(maleProbabilities(model, Xv));
          }
        },
      });
    }
    probabilities.push(perCheckpoint);
    labels.push(yv);
    process.stderr.write(`fold ${probabilities.length}/${splits.length * ensembleSeeds.length} ` +
      `(${((performance.now() - start) / 1000).toFixed(0)} s)\n`);
  }
}

for (let c = 0; c < CHECKPOINTS.length; c++) {
  for (const k of [1, 3, 5, 10].filter((n) => n <= K)) {
    const accuracies: number[] = [];
    probabilities.forEach((run, r) => {
      const groups = k === 1 ? run[c].map((p) => [p]) : [run[c].slice(0, k)];
      for (const g of groups) accuracies.push(ensembleAccuracy(g, labels[r]));
    });
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    console.log(`${String(CHECKPOINTS[c]).padStart(4)} iterations, k = ${k}: mean held-out accuracy ` +
      `${mean.toFixed(3)}, worst ${Math.min(...accuracies).toFixed(3)} (${accuracies.length} runs)`);
  }
}

/** Accuracy of the mean of the members' probabilities. */
function ensembleAccuracy(members: readonly number[][], y: readonly number[]): number {
  let right = 0;
  y.forEach((label, i) => {
    const p = members.reduce((s, m) => s + m[i], 0) / members.length;
    if ((p > 0.5 ? 1 : 0) === label) right++;
  });
  return right / y.length;
}

function row(M: Matrix): number[] {
  return Array.from({ length: M.shape[1] }, (_, j) => M.get(0, j));
}
