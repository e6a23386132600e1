// The generated documentation site in a real browser: served from 127.0.0.1 and opened in
// headless Chromium (Debian's package, driven by playwright-core). It checks that the
// index, the guides and the page of every public function render, that the search finds
// LLayerModel, that no page logs a console error or fails to load a resource, and that
// every internal link and anchor resolves. A screenshot of the index is left in a temp
// folder, whose path the test prints.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kind, apiJson, ensureSite, serveSite } from './docs/site.js';

const CHROMIUM = '/usr/bin/chromium';

let site: Awaited<ReturnType<typeof serveSite>>;
let context: BrowserContext;
let profile: string;
const problems: string[] = [];

let page: Page;
let current = '';

/** Loads a page of the site in the one browser tab; errors are recorded against it. */
async function open(path: string): Promise<Page> {
  current = path;
  const res = await page.goto(site.origin + path, { waitUntil: 'load' });
  expect(res?.status(), path).toBe(200);
  return page;
}

/** Records console errors, page errors and failed loads of whatever page is open. */
function watch(tab: Page): void {
  tab.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`${current}: console error: ${msg.text()} at ${msg.location().url}`);
  });
  tab.on('pageerror', (err) => problems.push(`${current}: page error: ${err.message}`));
  tab.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${current}: ${res.status()} ${res.url()}`);
  });
  tab.on('requestfailed', (req) => problems.push(`${current}: request failed: ${req.url()}`));
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  ensureSite();
  site = await serveSite();
  profile = mkdtempSync(join(tmpdir(), 'dnn-lite-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] ?? await context.newPage();
  watch(page);
}, 300_000);

afterAll(async () => {
  await context?.close();
  await site?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('the documentation site in Chromium', () => {
  it('renders the index with the guides and a screenshot of it', async () => {
    await open('/index.html');
    await expect.poll(() => page.locator('.tsd-navigation a').count()).toBeGreaterThan(20);
    expect(await page.title()).toMatch(/dnn-lite/);
    const body = await page.locator('.col-content').innerText();
    expect(body).toContain('Getting started');
    expect(body).toContain('Notation and shapes');
    const shots = mkdtempSync(join(tmpdir(), 'dnn-lite-site-'));
    const file = join(shots, 'index.png');
    await page.screenshot({ path: file, fullPage: false });
    console.log(`screenshot of the index: ${file}`);
    expect(existsSync(file)).toBe(true);
  });

  it('renders the page of every public function with its signature and example', async () => {
    const functions = apiJson().children!.filter((c) => c.kind === Kind.Function).map((c) => c.name);
    expect(functions.length).toBeGreaterThan(15);
    for (const name of functions) {
      await open(`/functions/${name}.html`);
      expect(await page.locator('h1').innerText(), name).toContain(name);
      expect(await page.locator('.tsd-signature').count(), `${name} signature`).toBeGreaterThan(0);
      const text = await page.locator('.col-content').innerText();
      expect(text, `${name} parameters`).toMatch(/Parameters|Returns/);
      expect(await page.locator('pre code').count(), `${name} example`).toBeGreaterThan(0);
      }
  });

  it('finds LLayerModel with the search box', async () => {
    await open('/index.html');
    await page.locator('#tsd-search-trigger').click();
    const input = page.locator('#tsd-search-input');
    await input.waitFor({ state: 'visible' });
    await input.pressSequentially('LLayerModel', { delay: 20 });
    const hit = page.locator('#tsd-search-results li a', { hasText: 'LLayerModel' }).first();
    await hit.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await hit.getAttribute('href')).toMatch(/functions\/LLayerModel\.html/);
    await hit.click();
    await page.waitForURL(/functions\/LLayerModel\.html/);
    expect(await page.locator('h1').innerText()).toContain('LLayerModel');
  });

  it('has no broken internal link or anchor, and no page logs an error', async () => {
    const seen = new Set<string>();
    const ids = new Map<string, Set<string>>();
    const links: { from: string; to: string }[] = [];
    const queue = ['/index.html'];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      current = path;
      const res = await page.goto(site.origin + path, { waitUntil: 'load' });
      if (res?.status() !== 200) {
        const from = links.filter((l) => l.to.split('#')[0] === path).map((l) => l.from);
        problems.push(`${path}: status ${res?.status()}, linked from ${[...new Set(from)].join(', ')}`);
        continue;
      }
      // A string, so the test compiles without the DOM library; it runs in the page.
      const found = await page.evaluate(`({
        hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.href),
        ids: [...document.querySelectorAll('[id], a[name]')].map((e) => e.id || e.getAttribute('name') || ''),
      })`) as { hrefs: string[]; ids: string[] };
      ids.set(path, new Set(found.ids));
      for (const href of found.hrefs) {
        const url = new URL(href);
        if (url.origin !== site.origin) continue;
        links.push({ from: path, to: url.pathname + url.hash });
        if (url.pathname.endsWith('.html') && !seen.has(url.pathname)) queue.push(url.pathname);
      }
      }
    expect(seen.size).toBeGreaterThan(30);

    const broken: string[] = [];
    for (const { from, to } of links) {
      const [path, anchor] = to.split('#');
      if (!seen.has(path)) {
        const res = await fetch(site.origin + path);
        if (res.status !== 200) broken.push(`${from} -> ${to} (${res.status})`);
        continue;
      }
      if (anchor && !ids.get(path)!.has(decodeURIComponent(anchor))) broken.push(`${from} -> ${to} (no such anchor)`);
    }
    expect(broken).toEqual([]);
    expect(problems).toEqual([]);
  });
});
