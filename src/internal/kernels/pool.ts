// Helper threads that run parts of one product while the main thread runs its own part.
//
// The public API is synchronous, so the main thread does not await the helpers: it posts
// each helper a job, computes its own share, then blocks on Atomics.wait until every
// helper has flagged its cell in a small shared Int32Array. Blocking is short (the parts are
// sized to finish together) and never happens for small products, which stay on one thread.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { fallbackGemm } from './fallback.js';
import { gemmModule, simdAvailable } from './simd.js';
import { wasmKernels } from './wasm.js';
import { WORKER_SOURCE } from './worker-source.js';

/** A part of a product for one helper; `args` follow the kernel's parameter order. */
export type Job =
  | { kind: 'wasm'; fn: 'gemmF64' | 'gemmF32'; args: number[] }
  | { kind: 'js'; buffer: SharedArrayBuffer; f32: boolean; args: (number | boolean)[] };

interface Helper {
  worker: Worker;
  port: MessagePort;
}

/** More helpers than this is never useful for a 2-D split of one product. */
const MAX_HELPERS = 64;
const sync = new Int32Array(new SharedArrayBuffer(4 * MAX_HELPERS));
const helpers: Helper[] = [];

function startHelper(slot: number): Helper {
  const { port1, port2 } = new MessageChannel();
  const simd = simdAvailable();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      sync,
      slot,
      port: port2,
      module: simd ? gemmModule() : null,
      memory: simd ? wasmKernels().memory : null,
      fallbackSource: fallbackGemm.toString(),
    },
    transferList: [port2],
  });
  // An idle helper must not keep the process alive once the caller's work is done.
  worker.unref();
  port1.unref();
  return { worker, port: port1 };
}

/**
 * Runs `jobs[w]` on helper w while `own` runs here, and returns when all have finished.
 * Throws the first failure, after every part has stopped touching shared memory.
 */
export function runParallel(jobs: Job[], own: () => void): void {
  if (jobs.length > MAX_HELPERS) throw new RangeError(`gemm: at most ${MAX_HELPERS} helpers`);
  while (helpers.length < jobs.length) helpers.push(startHelper(helpers.length));
  jobs.forEach((job, w) => {
    Atomics.store(sync, w, 0);
    helpers[w].worker.postMessage(job);
  });

  let failure: unknown;
  try {
    own();
  } catch (error) {
    failure = error;
  }

  for (let w = 0; w < jobs.length; w++) {
    while (Atomics.load(sync, w) === 0) Atomics.wait(sync, w, 0);
  }
  if (failure !== undefined) throw failure;
  for (let w = 0; w < jobs.length; w++) {
    if (Atomics.load(sync, w) === 2) {
      const text = receiveMessageOnPort(helpers[w].port)?.message;
      throw new Error(`gemm: helper thread ${w + 1} failed: ${String(text)}`);
    }
  }
}
