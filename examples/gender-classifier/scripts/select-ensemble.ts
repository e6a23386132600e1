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
 * --fold-seeds repeats it all over other assignments of the photos to folds.
 *
 * Besides the mean, it reports how much the accuracy moves with the draw of the networks (per
 * fold, the standard deviation across ensemble seeds, or across single networks for k = 1) and
 * each candidate's paired difference from the best mean with its standard error. The choice
 * printed last is the candidate with the highest mean - 1.5388 spread, the expected worst of
 * ten seeds were the accuracies normal: a recipe is judged by its median and its worst seed
 * over ten seeds, and more networks make the worst seed less far from the median.
 *
 *   npm run select-ensemble [-- --data ../../../shared/data/gender --recipe improved --ensemble-seeds 1,2 --fold-seeds 0 --members 5]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Matrix } from 'dnn-lite';
import { loadImageFolder } from '../src/dataset.js';
import { selectColumns, stratifiedFolds } from '../src/folds.js';
import { RECIPE_SETTINGS, RECIPES, type Recipe, trainSettings } from '../src/settings.js';
import { fitEnsemble, maleProbabilities } from '../src/train.js';
import { mean, pairedDifference, standardDeviation } from './statistics.js';

const { values } = parseArgs({
  options: {
    'data': { type: 'string', default: '../../../shared/data/gender' },
    'recipe': { type: 'string', default: 'improved' },
    'ensemble-seeds': { type: 'string', default: '1,2' },
    'members': { type: 'string', default: '5' },
    'folds': { type: 'string', default: '5' },
    'fold-seeds': { type: 'string', default: '0' },
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
/** Seeds of the fold assignments: each gives another split of the photos into folds. */
const foldSeeds = values['fold-seeds'].split(',').map(Number);

const train = await loadImageFolder(join(values.data, 'train'));
const splits = foldSeeds.flatMap((seed) => stratifiedFolds(train.Y, nFolds, seed));
console.log(`${train.files.length} training photos, ${nFolds} stratified folds (fold seeds ${foldSeeds.join(', ')}), ` +
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
    // Members are trained one after another and their iterations count on across them.
    fitEnsemble(X, Y, trainSettings(recipe, e, { members: K }), {
      onIteration: ({ iteration }, parameters) => {
        const c = CHECKPOINTS.indexOf((iteration % iterations) + 1);
        if (c >= 0) {
          const model = { layersDims: [], parameters: parameters(), metadata: inputs };
          perCheckpoint[c].push(maleProbabilities(model, Xv));
        }
      },
    });
    probabilities.push(perCheckpoint);
    labels.push(yv);
    process.stderr.write(`run ${probabilities.length}/${splits.length * ensembleSeeds.length} (fold, ensemble seed) ` +
      `(${((performance.now() - start) / 1000).toFixed(0)} s)\n`);
  }
}

interface Candidate {
  k: number;
  iterations: number;
  /** per run (fold, ensemble seed): the ensemble's held-out accuracy; for k = 1 the mean of its K networks' */
  perRun: number[];
  mean: number;
  /** mean over folds of the standard deviation of the accuracy across draws of k networks */
  seedSpread: number;
  worst: number;
}
const runsPerFold = ensembleSeeds.length;
/** -E[min of 10 independent standard normal draws] */
const EXPECTED_MIN_OF_TEN_NORMALS = 1.5388;
const candidates: Candidate[] = [];
for (const k of [1, 3, 5, 10].filter((n) => n <= K)) {
  for (let c = 0; c < CHECKPOINTS.length; c++) {
    // draws[r]: the accuracy of every draw of k networks in run r (one ensemble, or K single networks)
    const draws = probabilities.map((run, r) => {
      const groups = k === 1 ? run[c].map((p) => [p]) : [run[c].slice(0, k)];
      return groups.map((g) => ensembleAccuracy(g, labels[r]));
    });
    const perRun = draws.map(mean);
    const spreads = splits.map((_, f) => standardDeviation(draws.slice(f * runsPerFold, (f + 1) * runsPerFold).flat()));
    candidates.push({
      k, iterations: CHECKPOINTS[c], perRun, mean: mean(perRun), seedSpread: mean(spreads),
      worst: Math.min(...draws.flat()),
    });
  }
}

const worstOfTen = (c: Candidate): number => c.mean - EXPECTED_MIN_OF_TEN_NORMALS * c.seedSpread;

// The best mean, and the standard error of every other candidate's paired difference from it.
const best = candidates.reduce((a, b) => (b.mean > a.mean ? b : a));
for (const c of candidates) {
  const { difference, standardError } = pairedDifference(c.perRun, best.perRun);
  console.log(`${String(c.iterations).padStart(4)} iterations, k = ${String(c.k).padStart(2)}: mean held-out ` +
    `accuracy ${c.mean.toFixed(4)} (${difference >= 0 ? '+' : ''}${difference.toFixed(4)} +- ` +
    `${standardError.toFixed(4)} against the best), spread across seeds ${c.seedSpread.toFixed(4)}, ` +
    `expected worst of ten seeds ${worstOfTen(c).toFixed(4)}, ` +
    `worst ${c.worst.toFixed(3)}`);
}
// The goal is over ten seeds: a median, and no seed below a floor. So the choice is the
// candidate with the highest expected worst of ten seeds, were each seed's accuracy normal
// with the candidate's mean and seed spread: mean - 1.5388 spread.
const chosen = candidates.reduce((a, b) => (worstOfTen(b) > worstOfTen(a) ? b : a));
console.log(`best mean: ${best.k} network(s), ${best.iterations} iterations; chosen, with the best expected ` +
  `worst of ten seeds (${worstOfTen(chosen).toFixed(4)}): ${chosen.k} network(s), ${chosen.iterations} iterations`);

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
