// Where the tests find the reference data set and numpy's cases: the shared folder beside the
// repository, or wherever DNN_LITE_SHARED points for a clone kept elsewhere.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const sharedDir = process.env.DNN_LITE_SHARED
  ? resolve(process.env.DNN_LITE_SHARED)
  : resolve(repoRoot, '..', 'shared');

/** What the tests read from the shared folder. */
export const SHARED_NEEDS = [join('fixtures', 'course-cases.json'), join('data', 'gender', 'train')];

/**
 * Why the shared folder cannot serve the tests, or null when it can.
 *
 * @example
 * ```ts
 * sharedFolderProblem('/nowhere'); // "/nowhere/fixtures/course-cases.json is missing: ..."
 * ```
 */
export function sharedFolderProblem(dir: string = sharedDir): string | null {
  const missing = SHARED_NEEDS.map((p) => join(dir, p)).find((p) => !existsSync(p));
  if (missing === undefined) return null;
  return `${missing} is missing: the tests read the reference data set and numpy's cases from ` +
    `the shared folder beside the repository (../shared); for a clone kept elsewhere, set ` +
    `DNN_LITE_SHARED to that folder`;
}
