// The program of a helper thread, as source text.
//
// A worker started from a file path breaks once the library is bundled or loaded as
// CommonJS from another folder, so helpers are started with `eval: true` from this string.
// It only waits for jobs and runs one of two kernels on shared memory:
// - the SIMD kernels, instantiated from the compiled module over the shared wasm memory;
// - the plain TypeScript kernel, whose source text (fallbackGemm.toString()) comes in
//   workerData, so there is one definition of it, type-checked and tested on the main thread.
//
// workerData: { sync: Int32Array on a SharedArrayBuffer, slot: this helper's cell in it,
//   port: MessagePort for error text, module: WebAssembly.Module | null,
//   memory: WebAssembly.Memory | null, fallbackSource: string }
// A job's cell goes 0 (running) -> 1 (done) or 2 (failed, text on the port), then is notified.

/** Source of a helper thread; see the file comment. */
export const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { sync, slot, port, module, memory, fallbackSource } = workerData;
let wasm = null;
let fallback = null;
let startError = null;
try {
  fallback = (0, eval)('(' + fallbackSource + ')');
  if (module !== null) wasm = new WebAssembly.Instance(module, { env: { memory } }).exports;
} catch (error) {
  startError = error;
}
parentPort.on('message', (job) => {
  try {
    if (startError !== null) throw startError;
    const a = job.args;
    if (job.kind === 'wasm') {
      wasm[job.fn](...a);
    } else {
      const x = job.f32 ? new Float32Array(job.buffer) : new Float64Array(job.buffer);
      fallback(a[0], a[1], a[2], a[3], a[4], a[5], x, a[6], a[7], x, a[8], a[9], a[10], x, a[11], a[12]);
    }
    Atomics.store(sync, slot, 1);
  } catch (error) {
    port.postMessage(String((error && error.stack) || error));
    Atomics.store(sync, slot, 2);
  }
  Atomics.notify(sync, slot);
});
`;
