/**
 * A web page of the test images the model got wrong, each with what it predicted.
 */
import { basename } from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic } from './atomicWrite.js';
import { IMAGE_SIZE, readImagePixels } from './image.js';

/** One test image and the model's view of it. */
export interface Misclassified {
  /** the image file */
  readonly file: string;
  /** the model's probability that the face is male, in [0, 1] */
  readonly probability: number;
  /** the true label: 1 male, 0 female */
  readonly label: number;
}

export interface PageOptions {
  /** page heading; default "Misclassified test images" */
  readonly title?: string;
  /** number of images tested, shown beside the count of mistakes */
  readonly total?: number;
}

/**
 * Builds the page. Each image is embedded as a PNG data URI of the 64x64 pixels the
 * network saw, so the page is one self-contained file.
 *
 * @param items - the misclassified images
 * @param options - title and total
 * @returns an HTML document
 * @throws {@link ImageReadError} if an image can no longer be read
 */
export async function misclassifiedPageHtml(items: readonly Misclassified[], options: PageOptions = {}): Promise<string> {
  const title = options.title ?? 'Misclassified test images';
  const summary = options.total === undefined
    ? `${items.length} misclassified`
    : `${items.length} of ${options.total} test images misclassified`;

  const cards: string[] = [];
  for (const item of items) {
    const pixels = await readImagePixels(item.file);
    const png = await sharp(pixels, { raw: { width: IMAGE_SIZE, height: IMAGE_SIZE, channels: 3 } })
      .png()
      .toBuffer();
    const truth = item.label === 1 ? 'male' : 'female';
    const guess = item.probability > 0.5 ? 'male' : 'female';
    cards.push(
      '<figure>',
      `<img src="data:image/png;base64,${png.toString('base64')}" width="128" height="128" ` +
        `alt="${escapeHtml(basename(item.file))}">`,
      `<figcaption><b>${escapeHtml(basename(item.file))}</b><br>` +
        `true: ${truth}<br>predicted: ${guess}<br>P(male) = ${item.probability.toFixed(3)}</figcaption>`,
      '</figure>',
    );
  }

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>',
    'body { font-family: sans-serif; margin: 2em; }',
    'main { display: flex; flex-wrap: wrap; gap: 1em; }',
    'figure { margin: 0; width: 140px; font-size: 13px; }',
    'img { image-rendering: pixelated; display: block; }',
    '</style>',
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${summary}.</p>`,
    items.length === 0 ? '<p>No test image was misclassified.</p>' : '<main>',
    ...cards,
    items.length === 0 ? '' : '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Writes {@link misclassifiedPageHtml} to `path`, atomically.
 *
 * @param path - the .html file to write
 * @param items - the misclassified images
 * @param options - title and total
 * @returns the path written
 */
export async function writeMisclassifiedPage(
  path: string,
  items: readonly Misclassified[],
  options: PageOptions = {},
): Promise<string> {
  return writeFileAtomic(path, await misclassifiedPageHtml(items, options));
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
