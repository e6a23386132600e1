/**
 * Chooses the number of networks of the ensemble recipe on the training set alone: stratified
 * 5-fold cross-validation of ensembles of the improved recipe's networks. The test set is never
 * loaded.
 *
 * For each fold and each ensemble seed e, networks with init seeds e * 1000 + 1, ..., e * 1000 + K
 * are trained on the other four folds (about 190 photos and their mirror images), and their
 * probabilities on the held-out fold are kept at a few iteration counts. An ensemble of k networks
 * is the first k of them, its P(male) the mean of theirs; its score is the mean held-out accuracy
 * over folds and ensemble seeds. A single network (k = 1) is scored over all K networks alone.
 *
 *   npm run select-ensemble [-- --data ../../../shared/data/gender --ensemble-seeds 1,2 --members 5]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { predictProbabilities, type Matrix } from 'dnn-lite';
import { loadImageFolder } from '../src/dataset.js';
import { selectColumns, stratifiedFolds } from '../src/folds.js';
import { IMPROVED_RECIPE, memberSeed, trainSettings } from '../src/settings.js';
import { fitNetwork } from '../src/train.js';

const { values } = parseArgs({
  options: {
    'data': { type: 'string', default: '../../../shared/data/gender' },
    'ensemble-seeds': { type: 'string', default: '1,2' },
    'members': { type: 'string', default: '5' },
    'folds': { type: 'string', default: '5' },
  },
});
const ensembleSeeds = values['ensemble-seeds'].split(',').map(Number);
const K = Number(values.members);
const nFolds = Number(values.folds);
/** Iteration counts at which the held-out probabilities are kept. */
const CHECKPOINTS = [300, 600, IMPROVED_RECIPE.iterations];
/** Seed of the fold assignment, the same as select-recipe's. */
const FOLD_SEED = 0;

const train = await loadImageFolder(join(values.data, 'train'));
const splits = stratifiedFolds(train.Y, nFolds, FOLD_SEED);
console.log(`${train.files.length} training photos, ${nFolds} stratified folds (seed ${FOLD_SEED}), ` +
  `ensemble seeds ${ensembleSeeds.join(', ')}, ${K} networks each; the test set is not read`);

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
      const settings = trainSettings('improved', memberSeed(e, j, K));
      fitNetwork(X, Y, settings, {
        onIteration: ({ iteration }, parameters) => {
          const c = CHECKPOINTS.indexOf(iteration + 1);
          if (c >= 0) perCheckpoint[c].push(row(predictProbabilities(Xv, parameters())));
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
  for (const k of [1, 3, 5].filter((n) => n <= K)) {
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
