import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is examples/gender-classifier/test/paths.ts). */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The reference data set, kept beside the repository, never inside it. */
export const GENDER_DATA = join(REPO, '..', 'shared', 'data', 'gender');

/** Fixtures of this example's tests. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
