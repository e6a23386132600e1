// npm run bench: the reference job ([12288, 30, 20, 7, 5, 1], 238 images, full-batch gradient
// descent, learning rate 0.0075, 2500 iterations, float64 unless stated) with the numpy
// reference, dnn-lite's dual and primal paths, and TensorFlow.js on its WebAssembly backend.
// Every implementation starts from the same exported pixels and initial weights and runs in a
// child process of its own, one after another. Prints one table of medians; see README.md.
//
//   tsx src/bench.ts [--quick] [--whole] [--out FILE]
//
// --quick runs a few iterations of everything (for the test that keeps this script working).
// --whole also times numpy on whole 2500-iteration runs (median of 3) and trains the primal
//   paths for 2500 iterations once each, for their accuracies; this takes several minutes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJobData, ITERATIONS } from './data.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const whole = !quick && args.includes('--whole');
const fullPrimal = whole;
const jsonOut = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;

/** Iterations and repetitions: whole jobs for the fast paths, timed iterations for the slow. */
const plan = quick
  ? { numpyIterations: 2, numpyRuns: 1, dualIterations: 20, dualRuns: 1, primalIterations: 2, tfjsIterations: 2 }
  : { numpyIterations: whole ? ITERATIONS : 200, numpyRuns: whole ? 3 : 1, dualIterations: ITERATIONS, dualRuns: 5, primalIterations: 25, tfjsIterations: 15 };

interface Row {
  implementation: string;
  path: string;
  dtype: string;
  threads: string;
  /** How the job time was obtained. */
  measured: string;
  /** Median milliseconds per iteration. */
  iterationMs: number;
  /** Seconds for the whole job: a median of whole runs, or iterationMs x iterations. */
  jobSeconds: number;
  trainAccuracy?: number;
  testAccuracy?: number;
  note?: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function runJson(command: string, argv: string[], env: NodeJS.ProcessEnv = process.env): any {
  const out = execFileSync(command, argv, { cwd: here, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

const tsx = (script: string, ...rest: (string | number)[]): any =>
  runJson(process.execPath, ['--import', 'tsx', join(here, script), ...rest.map(String)]);

const dir = mkdtempSync(join(tmpdir(), 'dnn-lite-bench-'));
const rows: Row[] = [];
let memory = '';
let blas = '';
try {
  const loadStart = performance.now();
  // The shared folder beside the repository, or where DNN_LITE_SHARED points, as for the tests.
  const shared = process.env.DNN_LITE_SHARED ? resolve(process.env.DNN_LITE_SHARED) : join(repo, '..', 'shared');
  await exportJobData(join(shared, 'data', 'gender'), dir);
  const decodeSeconds = (performance.now() - loadStart) / 1000;
  process.stderr.write(`decoded the images and wrote the job's inputs in ${decodeSeconds.toFixed(1)} s\n`);

  // (a) numpy, with the OpenBLAS kernel for this processor: OPENBLAS_CORETYPE and
  // OPENBLAS_L2_SIZE are unset for this command only.
  process.stderr.write('numpy reference...\n');
  const pyEnv = { ...process.env };
  delete pyEnv.OPENBLAS_CORETYPE;
  delete pyEnv.OPENBLAS_L2_SIZE;
  const np = runJson('python3', [join(here, '..', 'reference_numpy.py'), dir,
    String(plan.numpyIterations), String(plan.numpyRuns)], pyEnv);
  blas = `numpy ${np.numpy}, ${np.blas.library}, ${np.blas.threads} threads, kernel ${np.blas.coretype}`;
  const npIteration = median(np.iterationMs);
  rows.push({
    implementation: 'numpy reference', path: 'primal, dA0 too', dtype: 'float64',
    threads: String(np.blas.threads), iterationMs: npIteration,
    ...(plan.numpyIterations === ITERATIONS
      ? { measured: `median of ${plan.numpyRuns} whole runs`, jobSeconds: median(np.seconds) }
      : { measured: `median of ${plan.numpyIterations} it., scaled`, jobSeconds: npIteration * ITERATIONS / 1000 }),
    trainAccuracy: plan.numpyIterations === ITERATIONS ? np.trainAccuracy : undefined,
    testAccuracy: plan.numpyIterations === ITERATIONS ? np.testAccuracy : undefined,
  });

  // (b) dnn-lite, dual first layer: whole runs.
  process.stderr.write('dnn-lite dual...\n');
  const dual = tsx('dnn-lite-job.ts', dir, 'dual', 'float64', 2, plan.dualIterations, plan.dualRuns);
  const dualWhole = plan.dualIterations === ITERATIONS;
  rows.push({
    implementation: 'dnn-lite', path: 'dual', dtype: 'float64', threads: '2',
    measured: dualWhole ? `median of ${plan.dualRuns} whole runs` : `${plan.dualIterations} it. runs, scaled`,
    iterationMs: median(dual.iterationMs),
    jobSeconds: median(dual.seconds) * (ITERATIONS / plan.dualIterations),
    trainAccuracy: dualWhole ? dual.trainAccuracy : undefined,
    testAccuracy: dualWhole ? dual.testAccuracy : undefined,
    note: 'whole run: Gram matrix X^T X and P0 = W1 X included',
  });
  const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  memory = `dual job process: peak RSS ${mib(dual.maxRssBytes)} (${mib(dual.rssBeforeBytes)} ` +
    `with the data loaded, before training)`;

  // (c) dnn-lite, primal first layer: timed iterations, then (full mode) one whole run each
  // for the accuracies.
  for (const dtype of ['float64', 'float32']) {
    for (const threads of [1, 2]) {
      process.stderr.write(`dnn-lite primal ${dtype}, ${threads} thread(s)...\n`);
      const primal = tsx('dnn-lite-job.ts', dir, 'primal', dtype, threads, plan.primalIterations, 1);
      // The first iteration carries compilation and warm-up; the median skips it.
      const iterationMs = median(primal.iterationMs.slice(1));
      rows.push({
        implementation: 'dnn-lite', path: 'primal', dtype, threads: String(threads),
        measured: `median of ${plan.primalIterations - 1} it., scaled`, iterationMs,
        jobSeconds: iterationMs * ITERATIONS / 1000,
      });
      if (fullPrimal && threads === 2) {
        process.stderr.write(`dnn-lite primal ${dtype}: a whole run for the accuracies...\n`);
        const whole = tsx('dnn-lite-job.ts', dir, 'primal', dtype, 2, ITERATIONS, 1);
        rows.push({
          implementation: 'dnn-lite', path: 'primal', dtype, threads: '2',
          measured: '1 whole run', iterationMs: median(whole.iterationMs), jobSeconds: whole.seconds[0],
          trainAccuracy: whole.trainAccuracy, testAccuracy: whole.testAccuracy,
        });
        if (dtype === 'float64') memory += `; primal f64 job process: peak RSS ${mib(whole.maxRssBytes)}`;
      }
    }
  }

  // (d) TensorFlow.js, WebAssembly backend.
  process.stderr.write('TensorFlow.js wasm...\n');
  const tfjs = tsx('tfjs-job.ts', dir, plan.tfjsIterations);
  const tfIteration = median(tfjs.iterationMs.slice(1));
  rows.push({
    implementation: 'TensorFlow.js wasm', path: 'primal, dA0 too', dtype: 'float32',
    threads: tfjs.threads ? 'multi' : '1',
    measured: `median of ${plan.tfjsIterations - 1} it., scaled`, iterationMs: tfIteration,
    jobSeconds: tfIteration * ITERATIONS / 1000, note: `SIMD ${tfjs.simd}`,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The table: speed-up is numpy's job time over the row's, both from this run.
const numpySeconds = rows[0].jobSeconds;
const pct = (x?: number): string => (x === undefined ? '-' : `${(100 * x).toFixed(1)}%`);
const header = ['implementation', 'path', 'dtype', 'threads', 'ms/iteration', 'job (2500 it.)',
  'vs numpy', 'train acc', 'test acc', 'how measured'];
const body = rows.map((r) => [r.implementation, r.path, r.dtype, r.threads, r.iterationMs.toFixed(2),
  `${r.jobSeconds.toFixed(2)} s`, `${(numpySeconds / r.jobSeconds).toFixed(2)}x`,
  pct(r.trainAccuracy), pct(r.testAccuracy), r.measured]);
const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const b of body) console.log(line(b));
console.log('');
console.log(`vs numpy: numpy's job time divided by the row's (above 1: faster than numpy).`);
console.log(`numpy: ${blas}`);
console.log(`memory: ${memory}`);
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}, ` +
  `load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')}` + (quick ? ' (quick mode: not a measurement)' : ''));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ rows, blas, memory }, null, 2));
