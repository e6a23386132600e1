// The generated API site: where it is, building it when it is missing, and serving it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { repoRoot } from '../helpers/reference.js';

export const siteDir = join(repoRoot, 'docs', 'api');

/** Builds the site with `npm run docs`'s typedoc unless `npm test` has built it already. */
export function ensureSite(): void {
  if (existsSync(join(siteDir, 'index.html')) && existsSync(join(siteDir, 'api.json'))) return;
  execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'typedoc', 'bin', 'typedoc')], {
    cwd: repoRoot, stdio: 'pipe',
  });
}

/** A reflection of typedoc's JSON output, as far as the tests read it. */
export interface Reflection {
  name: string;
  kind: number;
  children?: Reflection[];
  signatures?: { comment?: Comment; parameters?: { name: string; comment?: Comment }[] }[];
  comment?: Comment;
}
interface Comment { summary: { text: string }[]; blockTags?: { tag: string }[] }

/** Kind numbers of typedoc's ReflectionKind. */
export const Kind = { Function: 64, Class: 128, Interface: 256, TypeAlias: 2097152 } as const;

export function apiJson(): Reflection {
  return JSON.parse(readFileSync(join(siteDir, 'api.json'), 'utf8')) as Reflection;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon',
};

/** Serves the site read-only from 127.0.0.1 on a free port. */
export async function serveSite(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/favicon.ico') {
      // The browser asks for it on its own; the site has none and links none.
      res.writeHead(204).end();
      return;
    }
    let file = normalize(join(siteDir, path));
    if (!file.startsWith(siteDir + sep) && file !== siteDir) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
