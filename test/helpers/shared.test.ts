import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir, sharedFolderProblem } from './shared.js';

describe('sharedFolderProblem', () => {
  it('finds nothing wrong with the shared folder the tests run against', () => {
    expect(sharedFolderProblem(sharedDir)).toBeNull();
  });

  it('names the first missing file and how to point the tests elsewhere', () => {
    const empty = mkdtempSync(join(tmpdir(), 'dnn-lite-shared-'));
    try {
      const problem = sharedFolderProblem(empty);
      expect(problem).toContain(`${join(empty, 'fixtures', 'course-cases.json')} is missing`);
      expect(problem).toContain('set DNN_LITE_SHARED to that folder');
    } finally {
      rmSync(empty, { recursive: true });
    }
  });
});
