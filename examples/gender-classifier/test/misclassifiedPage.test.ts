import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImagePixels } from '../src/image.js';
import { misclassifiedPageHtml, writeMisclassifiedPage } from '../src/misclassifiedPage.js';
import { GENDER_DATA } from './paths.js';

let dir: string;
let odd: string;
const male = join(GENDER_DATA, 'test', 'male', 'male4.jpg');
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gender-page-'));
  odd = join(dir, 'a<b>&"c.jpg');
  await copyFile(join(GENDER_DATA, 'test', 'female', 'female7.jpg'), odd);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('misclassifiedPageHtml', () => {
  it('embeds each image as the 64x64 PNG the network saw, with its probability and true label', async () => {
    const html = await misclassifiedPageHtml([{ file: male, probability: 0.1234, label: 1 }], { total: 60 });
    const uris = [...html.matchAll(/src="data:image\/png;base64,([^"]+)"/g)].map((m) => m[1]);
    expect(uris).toHaveLength(1);
    const { data, info } = await sharp(Buffer.from(uris[0], 'base64')).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([64, 64, 3]);
    expect(new Uint8Array(data)).toEqual(await readImagePixels(male));
    expect(html).toContain('true: male');
    expect(html).toContain('predicted: female');
    expect(html).toContain('P(male) = 0.123');
    expect(html).toContain('1 of 60 test images misclassified');
  });

  it('escapes file names', async () => {
    const html = await misclassifiedPageHtml([{ file: odd, probability: 0.9, label: 0 }]);
    expect(html).toContain('a&lt;b&gt;&amp;&quot;c.jpg');
    expect(html).not.toContain('a<b>');
    expect(html).toContain('predicted: male');
  });

  it('says so when nothing was misclassified', async () => {
    const html = await misclassifiedPageHtml([], { total: 60 });
    expect(html).toContain('No test image was misclassified.');
    expect(html).not.toContain('<img');
  });
});

describe('writeMisclassifiedPage', () => {
  it('writes the page and leaves no temporary file', async () => {
    const path = join(dir, 'out', 'misclassified.html');
    const items = [{ file: male, probability: 0.4, label: 1 }];
    await writeMisclassifiedPage(path, items);
    expect(await readFile(path, 'utf8')).toBe(await misclassifiedPageHtml(items));
    expect(await readdir(join(dir, 'out'))).toEqual(['misclassified.html']);
  });
});
