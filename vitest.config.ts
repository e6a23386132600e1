import { defineConfig } from 'vitest/config';

// Under CI, a JSON report beside the console one lets .ci/run print a plain
// "N passed, N failed" closing line.
const jsonReport = process.env.DNN_LITE_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'bench/test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
