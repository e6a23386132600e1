/**
 * dnn-lite: the deeplearning.ai L-layer network, [LINEAR -> RELU] x (L-1) -> LINEAR ->
 * SIGMOID, as typed, composable functions over scijs ndarray.
 *
 * @packageDocumentation
 */
export { DnnLiteError, ShapeError, ValueError, DivergenceError } from './errors.js';
export type { NdArray, FloatArray } from './ndarray.js';
export { type Matrix, zeros, fromRows, fromArray, toRows, copy } from './matrix.js';
export { type Parameters, type Gradients } from './parameters.js';
export { type Rng, MT19937, createRng } from './random.js';
