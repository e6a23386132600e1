/**
 * dnn-lite: the deeplearning.ai L-layer network, [LINEAR -> RELU] x (L-1) -> LINEAR ->
 * SIGMOID, as typed, composable functions over scijs ndarray.
 *
 * @packageDocumentation
 */
export { DnnLiteError, ShapeError, ValueError, DivergenceError } from './errors.js';
export type { NdArray, FloatArray } from './ndarray.js';
export { type Matrix, zeros, fromRows, fromArray, toRows, copy } from './matrix.js';
export type { Parameters, Gradients } from './parameters.js';
export { type Rng, MT19937, createRng } from './random.js';

export { type InitScale, type InitOptions, initializeParametersDeep } from './initialization.js';
export { type ActivationCache, sigmoid, sigmoidBackward } from './sigmoid.js';
export { relu, reluBackward } from './relu.js';
export { type LinearCache, linearForward, linearBackward } from './linear.js';
export {
  type Activation, type LinearActivationCache, linearActivationForward, linearActivationBackward,
} from './linearActivation.js';
export { LModelForward, LModelBackward } from './model.js';
export { computeCost } from './cost.js';
export { updateParameters } from './updateParameters.js';
export {
  type TrainOptions, type TrainResult, type IterationInfo, type EpochInfo, type EarlyStopping,
  type LearningRateDecay, LLayerModel,
} from './train.js';
export { predict, predictProbabilities } from './predict.js';
export { type GradientCheckOptions, type GradientCheckResult, gradientCheck } from './gradientCheck.js';
