import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDir } from '../../../test/helpers/shared.js';

/** The repository root (this file is examples/gender-classifier/test/paths.ts). */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The reference data set, kept beside the repository (or where DNN_LITE_SHARED says), never inside it. */
export const GENDER_DATA = join(sharedDir, 'data', 'gender');

/** Fixtures of this example's tests. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
