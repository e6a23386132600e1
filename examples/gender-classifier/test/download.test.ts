import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadGenderDataset } from '../src/dataset.js';
import { downloadDataset, REFERENCE_FOLDERS, referenceArchiveUrl } from '../src/download.js';
import { GENDER_DATA } from './paths.js';

const ARCHIVE_PATH = new URL(referenceArchiveUrl('http://x')).pathname;

let dir: string;
let archive: Buffer;
let server: Server;
let baseUrl: string;
let requests: string[];
let serve: (path: string) => { status: number; body: Buffer };

/**
 * The reference repository as its host archives it, rebuilt from the shared data set:
 * photos 1-100 of each training class in newMale / newFemale, the rest in newMale2 /
 * newFemale2, a README in each folder, everything under Gender-Classification-main/.
 */
async function buildArchive(): Promise<Buffer> {
  const stage = join(dir, 'stage');
  const root = join(stage, 'Gender-Classification-main');
  for (const folder of Object.keys(REFERENCE_FOLDERS)) {
    await mkdir(join(root, folder), { recursive: true });
    await writeFile(join(root, folder, 'README'), `${folder}\n`);
  }
  await writeFile(join(root, 'main.py'), 'print("reference")\n');
  for (const [split, cls, first, second] of [
    ['train', 'male', 'newMale', 'newMale2'],
    ['train', 'female', 'newFemale', 'newFemale2'],
    ['test', 'male', 'newMale_validation', 'newMale_validation'],
    ['test', 'female', 'newFemale_validation', 'newFemale_validation'],
  ]) {
    for (const name of await readdir(join(GENDER_DATA, split, cls))) {
      const n = Number(/\d+/.exec(name)?.[0]);
      const folder = n <= 100 ? first : second;
      await copyFile(join(GENDER_DATA, split, cls, name), join(root, folder, name));
    }
  }
  const file = join(dir, 'repo.tar.gz');
  await tar.c({ gzip: true, file, cwd: stage, portable: true }, ['Gender-Classification-main']);
  return readFile(file);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gender-download-'));
  archive = await buildArchive();
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const { status, body } = serve(req.url ?? '');
    res.writeHead(status, { 'content-type': 'application/x-gzip', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  requests = [];
  serve = (path) => (path === ARCHIVE_PATH
    ? { status: 200, body: archive }
    : { status: 404, body: Buffer.from('not found') });
});

describe('downloadDataset', () => {
  it('fetches the archive and lays out the ImageFolder the loader reads', async () => {
    const target = join(dir, 'ok', 'data');
    const lines: string[] = [];
    const result = await downloadDataset(target, { baseUrl, logger: (l) => lines.push(l) });

    expect(requests).toEqual([ARCHIVE_PATH]);
    expect(result.downloaded).toBe(true);
    expect(result.counts).toEqual({ 'train/male': 119, 'train/female': 119, 'test/male': 30, 'test/female': 30 });
    expect((await readdir(target)).sort()).toEqual(['test', 'train']);
    expect(await readdir(join(dir, 'ok'))).toEqual(['data']);
    expect(lines.some((l) => l.includes('newMale/README'))).toBe(true);
    expect(await readFile(join(target, 'train', 'male', 'male119.jpg')))
      .toEqual(await readFile(join(GENDER_DATA, 'train', 'male', 'male119.jpg')));

    const data = await loadGenderDataset(target);
    expect(data.train.X.shape).toEqual([12288, 238]);
    expect(data.test.X.shape).toEqual([12288, 60]);
  });

  it('keeps a data set that is already there and fetches nothing', async () => {
    const target = join(dir, 'again', 'data');
    await downloadDataset(target, { baseUrl });
    requests = [];
    const result = await downloadDataset(target, { baseUrl });
    expect(result.downloaded).toBe(false);
    expect(requests).toEqual([]);
  });

  it('leaves nothing behind when the server answers 404', async () => {
    serve = () => ({ status: 404, body: Buffer.from('no') });
    const parent = join(dir, 'missing');
    await expect(downloadDataset(join(parent, 'data'), { baseUrl })).rejects.toThrow(/HTTP 404/);
    expect(await readdir(parent)).toEqual([]);
  });

  it('leaves nothing behind when the archive is cut short', async () => {
    serve = () => ({ status: 200, body: archive.subarray(0, archive.length >> 1) });
    const parent = join(dir, 'truncated');
    await expect(downloadDataset(join(parent, 'data'), { baseUrl })).rejects.toThrow();
    expect(await readdir(parent)).toEqual([]);
  });

  it('keeps the old data set when a forced download fails', async () => {
    const parent = join(dir, 'forced');
    const target = join(parent, 'data');
    await downloadDataset(target, { baseUrl });
    serve = () => ({ status: 500, body: Buffer.from('down') });
    await expect(downloadDataset(target, { baseUrl, force: true })).rejects.toThrow(/HTTP 500/);
    expect(await readdir(parent)).toEqual(['data']);
    expect(await readdir(join(target, 'test', 'female'))).toHaveLength(30);
  });

  it('names the reference folder an archive lacks', async () => {
    const stage = join(dir, 'other');
    await mkdir(join(stage, 'Other-main', 'newMale'), { recursive: true });
    await copyFile(join(GENDER_DATA, 'test', 'male', 'male1.jpg'), join(stage, 'Other-main', 'newMale', 'male1.jpg'));
    const file = join(dir, 'other.tar.gz');
    await tar.c({ gzip: true, file, cwd: stage }, ['Other-main']);
    const other = await readFile(file);
    serve = () => ({ status: 200, body: other });
    const parent = join(dir, 'incomplete');
    await expect(downloadDataset(join(parent, 'data'), { baseUrl })).rejects.toThrow(/newMale2/);
    expect(await readdir(parent)).toEqual([]);
  });
});
