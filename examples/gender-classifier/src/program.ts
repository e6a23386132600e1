/**
 * The command line: `train`, `predict` and `download`.
 *
 * Results go to stdout (the summary, `--json`'s line, predictions); notices, the
 * progress bar and errors go to stderr.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MultiBar, Presets } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { fromArray } from 'dnn-lite';
import { writeCostPlot } from './costPlot.js';
import { loadGenderDataset } from './dataset.js';
import { DEFAULT_ARCHIVE_BASE_URL, downloadDataset } from './download.js';
import { FEATURES, readImageFeatures } from './image.js';
import type { Logger } from './logger.js';
import { writeMisclassifiedPage } from './misclassifiedPage.js';
import {
  parseLayers, RECIPE_SETTINGS, RECIPES, REFERENCE_SETTINGS, trainSettings, type Recipe,
} from './settings.js';

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where `download` puts the data set, and where `train` looks without `--data`. */
export const DEFAULT_DATA_DIR = join(PACKAGE_DIR, 'data');

/** Where `train` writes the model, the cost plot and the misclassified page. */
export const DEFAULT_OUT_DIR = join(PACKAGE_DIR, 'out');

/** Names of the files `train` writes in its output folder. */
export const OUTPUT_FILES = {
  model: 'model.dnnl',
  costPlot: 'cost.svg',
  misclassified: 'misclassified.html',
} as const;

/** Where the program writes. */
export interface ProgramIO {
  /** one line of results, to stdout */
  readonly out: Logger;
  /** one line of notices or errors, to stderr */
  readonly err: Logger;
  /** whether stderr is a terminal that can show a progress bar */
  readonly progress: boolean;
}

/** The machine-readable summary `train --json` prints. */
export interface TrainSummary {
  seed: number;
  recipe: Recipe;
  trainAccuracy: number;
  testAccuracy: number;
  finalCost: number;
  seconds: number;
}

interface TrainFlags {
  data?: string;
  seed: number;
  iterations?: number;
  learningRate?: number;
  layers?: number[];
  members?: number;
  recipe: Recipe;
  out: string;
  json?: boolean;
  archiveBaseUrl: string;
}

/**
 * Builds the command-line program.
 *
 * @param io - where output goes; the process's stdout and stderr by default
 * @returns a commander program; run it with `parseAsync(argv)`
 */
export function buildProgram(io: ProgramIO = processIO()): Command {
  const program = new Command('gender-classifier')
    .description('Tell male from female faces with the deeplearning.ai L-layer network, on dnn-lite.')
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    })
    .showHelpAfterError();

  program
    .command('train')
    .description('train on an ImageFolder (train/, test/), report accuracy, save the model')
    .option('--data <dir>', 'ImageFolder with train/{male,female} and test/{male,female} ' +
      '(default: the reference data set, downloaded into data/ on first use)')
    .option('--seed <n>', 'seed of the weight initialisation', parseInteger('seed', 0), REFERENCE_SETTINGS.seed)
    .option('--iterations <n>', `gradient descent iterations (default: the recipe's, ${recipeValues('iterations')})`,
      parseInteger('iterations', 1))
    .option('--learning-rate <x>', `gradient descent step (default: the recipe's, ${recipeValues('learningRate')})`,
      parsePositive('learning rate'))
    .addOption(new Option('--layers <list>', 'layer sizes, 12288 first (the photo\'s values; with the hog ' +
      'recipe the network takes HOG features computed from them) and 1 last ' +
      `(default: the recipe's, ${RECIPES.map((name) => `${name} ${RECIPE_SETTINGS[name].layers.join(',')}`).join('; ')})`)
      .argParser(parseLayerOption))
    .option('--members <n>', 'networks to train and average, from different initial weights ' +
      `(default: the recipe's, ${recipeValues('members')})`, parseInteger('members', 1))
    .addOption(new Option('--recipe <name>', 'training recipe: the reference\'s, or ones that generalise ' +
      'better (see README.md)').choices(RECIPES).default('reference'))
    .addOption(new Option('--out <dir>', 'folder for the model, the cost plot and the misclassified page')
      .default(DEFAULT_OUT_DIR, 'out/ in this example'))
    .option('--json', 'print one JSON summary line instead of the report')
    .option('--archive-base-url <url>', 'host of the data set archive', DEFAULT_ARCHIVE_BASE_URL)
    .action((flags: TrainFlags) => train(flags, io));

  program
    .command('predict')
    .description('print male or female, with the probability, for each photo')
    .argument('<image...>', 'photos in any format sharp reads')
    .option('--model <file>', 'a model saved by train', join(DEFAULT_OUT_DIR, OUTPUT_FILES.model))
    .action((images: string[], flags: { model: string }) => predictImages(images, flags.model, io));

  program
    .command('download')
    .description('download the reference data set and lay it out as an ImageFolder')
    .option('--dir <dir>', 'where to put it', DEFAULT_DATA_DIR)
    .option('--force', 'download again even if the folder already holds a data set')
    .option('--archive-base-url <url>', 'host of the data set archive', DEFAULT_ARCHIVE_BASE_URL)
    .action(async (flags: { dir: string; force?: boolean; archiveBaseUrl: string }) => {
      const result = await downloadDataset(flags.dir, {
        baseUrl: flags.archiveBaseUrl, force: flags.force, logger: io.err,
      });
      io.out(result.dir);
    });

  return program;
}

async function train(flags: TrainFlags, io: ProgramIO): Promise<void> {
  const settings = trainSettings(flags.recipe, flags.seed, {
    iterations: flags.iterations,
    learningRate: flags.learningRate,
    layers: flags.layers,
    members: flags.members,
  });

  // Data: the given folder, or the reference data set fetched once into data/.
  const dataDir = flags.data ?? (await downloadDataset(DEFAULT_DATA_DIR, {
    baseUrl: flags.archiveBaseUrl, logger: io.err,
  })).dir;
  const data = await loadGenderDataset(dataDir, { logger: io.err });
  if (!flags.json) {
    io.out(`${data.train.files.length} training and ${data.test.files.length} test images from ${dataDir}`);
  }

  // Training, with a progress bar on a terminal and the cost every 100 iterations.
  const { trainClassifier, saveClassifier } = await import('./train.js');
  const bars = !flags.json && io.progress
    ? new MultiBar({
      format: 'training |{bar}| {value}/{total} iterations | cost {cost}',
      hideCursor: true,
      clearOnComplete: true,
    }, Presets.shades_classic)
    : undefined;
  const bar = bars?.create(settings.iterations * settings.members, 0, { cost: '-' });
  let report;
  try {
    report = trainClassifier(data, settings, {
      logger: flags.json ? undefined : bars ? (line) => bars.log(`${line}\n`) : io.out,
      onIteration: bar ? ({ iteration, cost }) => bar.update(iteration + 1, { cost: cost.toFixed(6) }) : undefined,
    });
  } finally {
    bars?.stop();
  }

  // Outputs: the model, the cost curve, the test images it got wrong.
  const out = resolve(flags.out);
  const modelPath = join(out, OUTPUT_FILES.model);
  saveClassifier(modelPath, report.model);
  const plotPath = await writeCostPlot(join(out, OUTPUT_FILES.costPlot), report.costs, {
    title: `Cost${settings.members > 1 ? ` (mean of ${settings.members} networks)` : ''}, ` +
      `${settings.recipe} recipe, learning rate ${settings.learningRate}, seed ${settings.seed}`,
  });
  const wrong = data.test.files
    .map((file, j) => ({ file, probability: report.testProbabilities[j], label: data.test.Y.get(0, j) }))
    .filter(({ probability, label }) => (probability > 0.5 ? 1 : 0) !== label);
  const pagePath = await writeMisclassifiedPage(join(out, OUTPUT_FILES.misclassified), wrong, {
    total: data.test.files.length,
  });

  if (flags.json) {
    const summary: TrainSummary = {
      seed: settings.seed,
      recipe: settings.recipe,
      trainAccuracy: report.trainAccuracy,
      testAccuracy: report.testAccuracy,
      finalCost: report.finalCost,
      seconds: Number(report.seconds.toFixed(3)),
    };
    io.out(JSON.stringify(summary));
    return;
  }
  io.out(`trained the ${settings.recipe} recipe (seed ${settings.seed}) in ${report.seconds.toFixed(1)} s`);
  io.out(`train accuracy ${report.trainAccuracy.toFixed(3)} (${data.train.files.length} images)`);
  io.out(`test accuracy ${report.testAccuracy.toFixed(3)} (${data.test.files.length} images)`);
  io.out(`model saved to ${modelPath}`);
  io.out(`cost plot written to ${plotPath}`);
  io.out(`${wrong.length} misclassified test images shown in ${pagePath}`);
}

async function predictImages(images: readonly string[], modelPath: string, io: ProgramIO): Promise<void> {
  const { loadClassifier, maleProbabilities } = await import('./train.js');
  const model = loadClassifier(modelPath);

  const columns = await Promise.all(images.map((path) => readImageFeatures(path)));
  const m = columns.length;
  const data = new Float64Array(FEATURES * m);
  columns.forEach((x, j) => {
    for (let i = 0; i < FEATURES; i++) data[i * m + j] = x[i];
  });
  const p = maleProbabilities(model, fromArray(data, FEATURES, m));
  images.forEach((path, j) => {
    const label = p[j] > 0.5 ? 'male' : 'female';
    io.out(`${path}: ${label} (P(male) = ${p[j].toFixed(3)})`);
  });
}

/** A setting's value in each recipe, for the help text: "reference 2500, improved 900, ...". */
function recipeValues(key: 'iterations' | 'learningRate' | 'members'): string {
  return RECIPES.map((name) => `${name} ${RECIPE_SETTINGS[name][key]}`).join(', ');
}

function parseInteger(name: string, min: number): (text: string) => number {
  return (text) => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${name} must be an integer of at least ${min}, not "${text}"`);
    }
    return n;
  };
}

function parsePositive(name: string): (text: string) => number {
  return (text) => {
    const x = Number(text);
    if (text.trim() === '' || !Number.isFinite(x) || x <= 0) {
      throw new InvalidArgumentError(`${name} must be a positive number, not "${text}"`);
    }
    return x;
  };
}

function parseLayerOption(text: string): number[] {
  try {
    return parseLayers(text);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function processIO(): ProgramIO {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    progress: process.stderr.isTTY === true,
  };
}
