// One dnn-lite configuration on the reference job, in its own process so its memory and
// thread settings are its own. Prints one JSON line.
//
//   tsx dnn-lite-job.ts DIR FIRST_LAYER DTYPE THREADS ITERATIONS RUNS
//
// Each run trains from the same initial weights. Reported: the wall time of each whole run,
// the median time between consecutive iterations (from the callback), the last cost and the
// accuracies, and memory: resident set size before training and its peak (maxRSS).
import { LLayerModel, predict, type Matrix, type Parameters } from 'dnn-lite';
import { readJobData } from './data.js';

const [dir, firstLayer, dtype, threads, iterations, runs] = process.argv.slice(2);
const data = readJobData(dir);
const rssBefore = process.memoryUsage().rss;

function accuracy(X: Matrix, Y: Matrix, parameters: Parameters): number {
  const p = predict(X, parameters);
  let right = 0;
  for (let j = 0; j < Y.shape[1]; j++) if (p.get(0, j) === Y.get(0, j)) right++;
  return right / Y.shape[1];
}

const seconds: number[] = [];
const iterationMs: number[] = [];
let last: ReturnType<typeof LLayerModel> | undefined;
for (let r = 0; r < Number(runs); r++) {
  let previous = performance.now();
  const start = previous;
  last = LLayerModel(data.trainX, data.trainY, data.meta.layers, {
    learningRate: data.meta.learningRate,
    numIterations: Number(iterations),
    initialParameters: data.initial,
    firstLayer: firstLayer as 'dual' | 'primal',
    dtype: dtype as 'float64' | 'float32',
    threads: Number(threads),
    callback: () => {
      const now = performance.now();
      iterationMs.push(now - previous);
      previous = now;
    },
  });
  seconds.push((performance.now() - start) / 1000);
}

console.log(JSON.stringify({
  seconds,
  iterationMs,
  cost: last!.costs.at(-1),
  trainAccuracy: accuracy(data.trainX, data.trainY, last!.parameters),
  testAccuracy: accuracy(data.testX, data.testY, last!.parameters),
  rssBeforeBytes: rssBefore,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
}));
