import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costPlotSvg, niceTicks, writeCostPlot, type CostPoint } from '../src/costPlot.js';

const curve: CostPoint[] = Array.from({ length: 26 }, (_, k) => ({
  iteration: k * 100,
  cost: 0.69 * Math.exp(-k / 6),
}));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gender-plot-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('costPlotSvg', () => {
  it('is an SVG that a renderer parses, at the requested size', async () => {
    const svg = costPlotSvg(curve, { width: 500, height: 300 });
    const meta = await sharp(Buffer.from(svg)).metadata();
    expect(meta.format).toBe('svg');
    expect([meta.width, meta.height]).toEqual([500, 300]);
  });

  it('draws one point per cost, inside the plot area, higher cost higher up', () => {
    const svg = costPlotSvg(curve);
    const pts = /<polyline points="([^"]+)"/.exec(svg)![1].split(' ').map((p) => p.split(',').map(Number));
    expect(pts).toHaveLength(curve.length);
    for (const [x, y] of pts) {
      expect(x).toBeGreaterThanOrEqual(64);
      expect(x).toBeLessThanOrEqual(640 - 24);
      expect(y).toBeGreaterThanOrEqual(40);
      expect(y).toBeLessThanOrEqual(400 - 52);
    }
    expect(pts[0][1]).toBeLessThan(pts[pts.length - 1][1]);
  });

  it('labels the axes and ticks', () => {
    const svg = costPlotSvg(curve, { title: 'learning rate 0.0075' });
    expect(svg).toContain('>iteration</text>');
    expect(svg).toContain('>cost</text>');
    expect(svg).toContain('>2500</text>');
    expect(svg).toContain('>0.6</text>');
    expect(svg).toContain('learning rate 0.0075');
  });

  it('escapes the title and leaves out costs that are not finite', () => {
    const svg = costPlotSvg([...curve.slice(0, 3), { iteration: 300, cost: NaN }], { title: 'a < b & c' });
    expect(svg).toContain('a &lt; b &amp; c');
    expect(/<polyline points="([^"]+)"/.exec(svg)![1].split(' ')).toHaveLength(3);
    expect(svg).not.toContain('NaN');
  });

  it('draws empty axes for no points', async () => {
    const svg = costPlotSvg([]);
    expect(svg).not.toContain('<polyline');
    expect((await sharp(Buffer.from(svg)).metadata()).format).toBe('svg');
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten from 0 to at least the maximum', () => {
    expect(niceTicks(2500)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(niceTicks(0.693)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('writeCostPlot', () => {
  it('writes the file and leaves no temporary file', async () => {
    const path = join(dir, 'out', 'cost.svg');
    await writeCostPlot(path, curve);
    expect(await readFile(path, 'utf8')).toBe(costPlotSvg(curve));
    expect(await readdir(join(dir, 'out'))).toEqual(['cost.svg']);
  });
});
