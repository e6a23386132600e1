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
// Training toolkit: mini-batches, optimizers, decay, regularisation, metrics, scaling, files.
export { ModelFileError, type ModelFileProblem } from './errors.js';
export { VERSION } from './version.js';
export { type MiniBatch, randomMiniBatches } from './miniBatches.js';
export { type Velocity, initializeVelocity, updateParametersWithMomentum } from './optimizers/momentum.js';
export { type AdamMoment, initializeAdam, updateParametersWithAdam } from './optimizers/adam.js';
export {
  type LearningRateSchedule, updateLr, scheduleLrDecay, learningRateAt,
} from './learningRateDecay.js';
export {
  computeCostWithRegularization, l2CostTerm, l2GradientTerm, addL2ToGradients,
} from './regularization.js';
export { dropoutForward, dropoutBackward } from './dropout.js';
export {
  type ConfusionMatrix, accuracy, confusionMatrix, precision, recall, f1Score,
} from './metrics.js';
export {
  type StandardScaler, type MinMaxScaler, fitStandardScaler, standardScaler, fitMinMaxScaler,
  minMaxScaler,
} from './scaling.js';
export {
  type Model, type LoadedModel, type ModelActivation, type JsonValue, type SaveModelOptions,
  type WriteFileSystem, MODEL_FORMAT, MODEL_FORMAT_VERSION, saveModel, loadModel,
} from './modelFile.js';
export { type ExportNpzOptions, exportNpz } from './npz.js';
