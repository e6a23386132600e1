/**
 * Trains each recipe with init seeds 1..10 on the training set and prints, as a Markdown
 * table, every seed's train and test accuracy with the median and the minimum.
 *
 *   npm run seed-spread [-- --data ../../../shared/data/gender --recipes reference,improved --seeds 1-10]
 */
import { parseArgs } from 'node:util';
import { loadGenderDataset } from '../src/dataset.js';
import { RECIPES, type Recipe, trainSettings } from '../src/settings.js';
import { trainClassifier } from '../src/train.js';
import { median } from './statistics.js';

/** Test accuracy of the numpy reference (the reference's code) with np.random.seed(1..10): photos right of 60. */
const NUMPY_REFERENCE: readonly number[] = [52, 50, 32, 51, 52, 52, 52, 52, 50, 50].map((right) => right / 60);

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../../../shared/data/gender' },
    recipes: { type: 'string', default: RECIPES.join(',') },
    seeds: { type: 'string', default: '1-10' },
  },
});
const recipes = values.recipes.split(',') as Recipe[];
for (const r of recipes) {
  if (!RECIPES.includes(r)) throw new Error(`unknown recipe ${r}; choose from ${RECIPES.join(', ')}`);
}
const [first, last] = values.seeds.split('-').map(Number);
const seeds = Array.from({ length: (last ?? first) - first + 1 }, (_, i) => first + i);

const data = await loadGenderDataset(values.data);
const tables: string[] = [];
for (const recipe of recipes) {
  const rows: { seed: number; train: number; test: number; seconds: number }[] = [];
  for (const seed of seeds) {
    const report = trainClassifier(data, trainSettings(recipe, seed));
    rows.push({ seed, train: report.trainAccuracy, test: report.testAccuracy, seconds: report.seconds });
    process.stderr.write(`${recipe} seed ${seed}: test ${report.testAccuracy.toFixed(3)}\n`);
  }

  const numpy = recipe === 'reference' && seeds.every((s) => s >= 1 && s <= 10);
  const head = ['seed', 'train accuracy', 'test accuracy', ...(numpy ? ['numpy test accuracy'] : []), 'seconds'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const { seed, train, test, seconds } of rows) {
    const cells = [String(seed), train.toFixed(3), test.toFixed(3),
      ...(numpy ? [NUMPY_REFERENCE[seed - 1].toFixed(3)] : []), seconds.toFixed(1)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const summary = (label: string, f: (xs: number[]) => number) => {
    const cells = [label, f(rows.map((r) => r.train)).toFixed(3), f(rows.map((r) => r.test)).toFixed(3),
      ...(numpy ? [f(seeds.map((s) => NUMPY_REFERENCE[s - 1])).toFixed(3)] : []), ''];
    lines.push(`| ${cells.join(' | ')} |`);
  };
  summary('median', median);
  summary('min', (xs) => Math.min(...xs));
  tables.push(`${recipe} recipe, seeds ${seeds[0]}..${seeds.at(-1)}:\n\n${lines.join('\n')}`);
}
console.log(tables.join('\n\n'));
