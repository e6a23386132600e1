// The program of a helper thread, as source text.
//
// A worker started from a file path breaks once the library is bundled or loaded as
// CommonJS from another folder, so helpers are started with `eval: true` from this string.
// It never returns to its event loop: it blocks in Atomics.wait on its control cells, so
// handing it a job costs one store and one notify, not a posted message. It runs one of
// two kernels on shared memory:
// - the SIMD kernels, instantiated from the compiled module over the shared wasm memory;
//   their arguments come in the helper's row of a shared Float64Array;
// - the plain TypeScript kernel, whose source text (fallbackGemm.toString()) comes in
//   workerData, so there is one definition of it, type-checked and tested on the main thread;
//   its job (a SharedArrayBuffer and the arguments) is read from the port synchronously.
//
// workerData: { control: Int32Array on a SharedArrayBuffer, args: Float64Array on one,
//   slot, names: the SIMD exports by job number, port: MessagePort for jobs of the
//   TypeScript kernel and for error text, module: WebAssembly.Module | null,
//   memory: WebAssembly.Memory | null, fallbackSource: string }
// Cells of helper `slot` at control[4 * slot ..]: +0 request sequence number, +1 job number
// (-1: TypeScript kernel, from the port), +2 sequence number of the last finished job,
// +3 its status (1 done, 2 failed, text on the port). Arguments at args[ARGS * slot ..].

/** Control cells per helper. */
export const CONTROL_CELLS = 4;
/** Argument slots per helper: the longest kernel signature. */
export const ARGUMENT_SLOTS = 16;

/** Source of a helper thread; see the file comment. */
export const WORKER_SOURCE = `
'use strict';
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { control, args, slot, names, port, module, memory, fallbackSource } = workerData;
const at = ${CONTROL_CELLS} * slot;
const base = ${ARGUMENT_SLOTS} * slot;
let wasm = null;
let fallback = null;
let startError = null;
try {
  fallback = (0, eval)('(' + fallbackSource + ')');
  if (module !== null) wasm = new WebAssembly.Instance(module, { env: { memory } }).exports;
} catch (error) {
  startError = error;
}
const kernels = wasm === null ? [] : names.map((name) => wasm[name]);
let seen = 0;
for (;;) {
  Atomics.wait(control, at, seen);
  seen = Atomics.load(control, at);
  let status = 1;
  try {
    if (startError !== null) throw startError;
    const job = Atomics.load(control, at + 1);
    if (job >= 0) {
      const a = args, b = base;
      kernels[job](a[b], a[b + 1], a[b + 2], a[b + 3], a[b + 4], a[b + 5], a[b + 6], a[b + 7],
        a[b + 8], a[b + 9], a[b + 10], a[b + 11], a[b + 12], a[b + 13], a[b + 14], a[b + 15]);
    } else {
      const { buffer, f32, args: a } = receiveMessageOnPort(port).message;
      const x = f32 ? new Float32Array(buffer) : new Float64Array(buffer);
      fallback(a[0], a[1], a[2], a[3], a[4], a[5], x, a[6], a[7], x, a[8], a[9], a[10], x, a[11], a[12]);
    }
  } catch (error) {
    port.postMessage(String((error && error.stack) || error));
    status = 2;
  }
  Atomics.store(control, at + 3, status);
  Atomics.store(control, at + 2, seen);
  Atomics.notify(control, at + 2);
}
`;
