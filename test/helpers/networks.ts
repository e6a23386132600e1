// Random small networks for gradient checks.
import { initializeParametersDeep } from '../../src/initialization.js';
import type { Matrix } from '../../src/matrix.js';
import type { Parameters } from '../../src/parameters.js';
import { createRng } from '../../src/random.js';

/**
 * He-scaled weights and small random biases. Zero biases would put Z exactly at ReLU's kink
 * wherever a whole layer is inactive, where no finite difference can agree.
 */
export function randomNetwork(dims: number[], seed: number): Parameters {
  const parameters = initializeParametersDeep(dims, { seed, scale: 'he' }) as Record<string, Matrix>;
  const rng = createRng(seed + 1000);
  for (let l = 1; l < dims.length; l++) parameters[`b${l}`] = rng.rand(dims[l], 1);
  return parameters as Parameters;
}
