/**
 * The cost curve as a small hand-written SVG: no plotting library, opens in any browser.
 */
import { writeFileAtomic } from './atomicWrite.js';

/** The cost after one iteration of training. */
export interface CostPoint {
  readonly iteration: number;
  readonly cost: number;
}

export interface CostPlotOptions {
  /** heading above the plot; default "Cost" */
  readonly title?: string;
  /** image size in pixels; default 640 x 400 */
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { left: 64, right: 24, top: 40, bottom: 52 };

/**
 * Draws cost against iteration: axes with ticks from 0, a labelled grid, one polyline.
 * Points whose cost is not finite (a diverged run) are left out of the line.
 *
 * @param points - (iteration, cost) pairs in increasing iteration order
 * @param options - title and size
 * @returns a standalone SVG document
 * @example
 * ```ts
 * costPlotSvg([{ iteration: 0, cost: 0.69 }, { iteration: 100, cost: 0.5 }]).startsWith('<svg'); // true
 * ```
 */
export function costPlotSvg(points: readonly CostPoint[], options: CostPlotOptions = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  const title = options.title ?? 'Cost';
  const finite = points.filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.iteration));

  // Axes start at 0 and end on a round tick above the largest value.
  const xTicks = niceTicks(Math.max(1, ...finite.map((p) => p.iteration)));
  const yTicks = niceTicks(Math.max(1e-12, ...finite.map((p) => p.cost)));
  const xMax = xTicks[xTicks.length - 1];
  const yMax = yTicks[yTicks.length - 1];
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => MARGIN.left + (x / xMax) * plotW;
  const sy = (y: number) => MARGIN.top + plotH - (y / yMax) * plotH;
  const bottom = MARGIN.top + plotH;
  const right = MARGIN.left + plotW;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
  );

  // Grid and tick labels.
  for (const t of xTicks) {
    const x = fmt(sx(t));
    out.push(
      `<line x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${bottom}" stroke="#e5e5e5"/>`,
      `<text x="${x}" y="${bottom + 18}" text-anchor="middle">${tickLabel(t)}</text>`,
    );
  }
  for (const t of yTicks) {
    const y = fmt(sy(t));
    out.push(
      `<line x1="${MARGIN.left}" y1="${y}" x2="${right}" y2="${y}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${tickLabel(t)}</text>`,
    );
  }

  // Axes and their names.
  out.push(
    `<path d="M${MARGIN.left} ${MARGIN.top}V${bottom}H${right}" fill="none" stroke="black"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${height - 12}" text-anchor="middle">iteration</text>`,
    `<text x="16" y="${MARGIN.top + plotH / 2}" text-anchor="middle" ` +
      `transform="rotate(-90 16 ${MARGIN.top + plotH / 2})">cost</text>`,
  );

  if (finite.length > 0) {
    const coords = finite.map((p) => `${fmt(sx(p.iteration))},${fmt(sy(p.cost))}`).join(' ');
    out.push(`<polyline points="${coords}" fill="none" stroke="#1f77b4" stroke-width="2"/>`);
  }
  out.push('</svg>', '');
  return out.join('\n');
}

/**
 * Writes {@link costPlotSvg} to `path`, atomically.
 *
 * @param path - the .svg file to write
 * @param points - (iteration, cost) pairs
 * @param options - title and size
 * @returns the path written
 */
export function writeCostPlot(path: string, points: readonly CostPoint[], options: CostPlotOptions = {}): Promise<string> {
  return writeFileAtomic(path, costPlotSvg(points, options));
}

/**
 * Ticks 0, s, 2s, ... up to the first one at or above `max`, with s = 1, 2 or 5 times a
 * power of ten and about five ticks.
 */
export function niceTicks(max: number): number[] {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? 10 * power;
  const count = Math.ceil(max / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

function tickLabel(v: number): string {
  return String(Number(v.toPrecision(6)));
}

function fmt(v: number): string {
  return v.toFixed(1);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
