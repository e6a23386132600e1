// One clear message before any test runs, instead of a failure per test file, when the
// shared data the tests compare against is not where they look for it.
import { sharedFolderProblem } from './helpers/shared.js';

export default function setup(): void {
  const problem = sharedFolderProblem();
  if (problem !== null) throw new Error(problem);
}
