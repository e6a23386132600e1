import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_FOLDERS } from '../src/download.js';
import { buildProgram } from '../src/program.js';
import { GENDER_DATA } from './paths.js';

let dir: string;
let server: Server;
let baseUrl: string;

/** Runs the program on `args`; returns its stdout and stderr lines, and the error if it failed. */
async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const program = buildProgram({ out: (l) => out.push(l), err: (l) => err.push(l), progress: false });
  program.exitOverride();
  for (const sub of program.commands) sub.exitOverride();
  const error = await program.parseAsync(args, { from: 'user' }).then(() => undefined, (e: unknown) => e as Error);
  return { out, err, error };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gender-program-'));
  // A small archive in the reference layout: one photo per reference folder.
  const root = join(dir, 'stage', 'Gender-Classification-main');
  for (const [folder, part] of Object.entries(REFERENCE_FOLDERS)) {
    await mkdir(join(root, folder), { recursive: true });
    const cls = part.split('/')[1];
    await copyFile(join(GENDER_DATA, 'test', cls, `${cls}1.jpg`), join(root, folder, `${folder}.jpg`));
  }
  const file = join(dir, 'repo.tar.gz');
  await tar.c({ gzip: true, file, cwd: join(dir, 'stage') }, ['Gender-Classification-main']);
  const archive = await readFile(file);
  server = createServer((_req, res) => res.end(archive));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  await rm(dir, { recursive: true, force: true });
});

describe('gender-classifier command line', () => {
  it('lists its three commands', async () => {
    const { out, error } = await run('--help');
    expect((error as { code?: string }).code).toBe('commander.helpDisplayed');
    const help = out.join('\n');
    for (const command of ['train', 'predict', 'download']) expect(help).toContain(command);
  });

  it('documents the train options with the reference defaults', async () => {
    const { out } = await run('train', '--help');
    const help = out.join('\n');
    for (const flag of ['--data', '--seed', '--iterations', '--learning-rate', '--layers', '--recipe', '--out', '--json']) {
      expect(help).toContain(flag);
    }
    expect(help).toContain('2500');
    expect(help).toContain('0.0075');
  });

  it('rejects a layer list that does not start with 12288', async () => {
    const { err, error } = await run('train', '--layers', '100,5,1');
    expect(error).toBeDefined();
    expect(err.join('\n')).toContain('must start with 12288');
  });

  it('rejects an unknown recipe and a negative learning rate', async () => {
    expect((await run('train', '--recipe', 'magic')).err.join('\n')).toContain('reference, improved');
    expect((await run('train', '--learning-rate', '-1')).err.join('\n')).toContain('positive number');
  });

  it('names a missing data folder', async () => {
    const missing = join(dir, 'nowhere');
    const { error } = await run('train', '--data', missing);
    expect(error?.message).toContain(join(missing, 'train', 'male'));
  });

  it('downloads the data set into --dir and prints where', async () => {
    const target = join(dir, 'data');
    const { out, error } = await run('download', '--dir', target, '--archive-base-url', baseUrl);
    expect(error).toBeUndefined();
    expect(out).toEqual([target]);
    expect((await readdir(join(target, 'train', 'male'))).sort()).toEqual(['newMale.jpg', 'newMale2.jpg']);
  });
});
