#!/usr/bin/env tsx
/**
 * Entry point: `tsx src/cli.ts train|predict|download ...`. See README.md.
 */
import { buildProgram } from './program.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`error: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
