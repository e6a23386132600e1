// Helper threads that run parts of one product while the main thread runs its own part.
//
// The public API is synchronous, so the main thread does not await the helpers: it hands
// each helper a job through shared control cells (a store and an Atomics.notify; see
// worker-source.ts), computes its own share, then waits until every helper has published
// the job's sequence number. Waiting is short (the parts are sized to finish together) and
// never happens for small products, which stay on one thread.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { fallbackGemm } from './fallback.js';
import { gemmModule, simdAvailable } from './simd.js';
import { wasmKernels } from './wasm.js';
import { ARGUMENT_SLOTS, CONTROL_CELLS, WORKER_SOURCE } from './worker-source.js';

/** The SIMD kernels a helper runs, by job number. */
const KERNELS = ['gemmF64', 'gemmF32', 'gemmPackedF64', 'gemmPackedF32'] as const;
export type KernelName = (typeof KERNELS)[number];

/** A part of a product for one helper; `args` follow the kernel's parameter order. */
export type Job =
  | { kind: 'wasm'; fn: KernelName; args: number[] }
  | { kind: 'js'; buffer: SharedArrayBuffer; f32: boolean; args: (number | boolean)[] };

interface Helper {
  worker: Worker;
  port: MessagePort;
}

/** More helpers than this is never useful for a 2-D split of one product. */
const MAX_HELPERS = 64;
const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_CELLS * MAX_HELPERS));
const args = new Float64Array(new SharedArrayBuffer(8 * ARGUMENT_SLOTS * MAX_HELPERS));
const helpers: Helper[] = [];
/** Sequence number of the last job handed out; helpers answer with it. */
let sequence = 0;
/** Polls of a finished cell before sleeping on it: a few microseconds. */
const SPIN = 2000;

function startHelper(slot: number): Helper {
  const { port1, port2 } = new MessageChannel();
  const simd = simdAvailable();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      control,
      args,
      slot,
      names: KERNELS,
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
  sequence = (sequence + 1) | 0 || 1;
  for (let w = 0; w < jobs.length; w++) {
    const job = jobs[w];
    const at = CONTROL_CELLS * w;
    if (job.kind === 'wasm') {
      for (let i = 0; i < job.args.length; i++) args[ARGUMENT_SLOTS * w + i] = job.args[i];
      control[at + 1] = KERNELS.indexOf(job.fn);
    } else {
      helpers[w].port.postMessage({ buffer: job.buffer, f32: job.f32, args: job.args });
      control[at + 1] = -1;
    }
    Atomics.store(control, at, sequence);
    Atomics.notify(control, at);
  }

  let failure: unknown;
  try {
    own();
  } catch (error) {
    failure = error;
  }

  for (let w = 0; w < jobs.length; w++) waitFor(CONTROL_CELLS * w + 2);
  if (failure !== undefined) throw failure;
  for (let w = 0; w < jobs.length; w++) {
    if (Atomics.load(control, CONTROL_CELLS * w + 3) === 2) {
      const text = receiveMessageOnPort(helpers[w].port)?.message;
      throw new Error(`gemm: helper thread ${w + 1} failed: ${String(text)}`);
    }
  }
}

/**
 * Returns once control[cell] holds the current sequence number: polls briefly, then sleeps.
 *
 * Known shortcoming: a helper that throws reports the failure, but one whose thread dies
 * outright (out of memory, process.exit in a worker) never writes its cell, and this wait
 * has no timeout, so the training call hangs instead of failing. Accepted for now because
 * the helpers run only the fixed kernel code on memory the main thread sized; a bounded
 * wait with a liveness check of the worker would cost a timer per product.
 */
function waitFor(cell: number): void {
  for (let i = 0; i < SPIN; i++) if (Atomics.load(control, cell) === sequence) return;
  for (;;) {
    const seen = Atomics.load(control, cell);
    if (seen === sequence) return;
    Atomics.wait(control, cell, seen);
  }
}
