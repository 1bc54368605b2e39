import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

// the entry's own routes; everything else that is a GET is the dashboard
const ENTRY_ROUTES = /^\/(api|docs|openapi\.json|health)(\/|$|\?)/;

/**
 * Serves the built dashboard: its files as they are (hashed assets cached for a year), and
 * index.html for any other page path, so a reload or a shared link on /catalog/123 works.
 */
export function dashboardFiles(root: string) {
  const base = normalize(root + sep);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || ENTRY_ROUTES.test(req.url ?? '/')) return next();
    const pathname = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const candidate = normalize(join(base, pathname));
    const file = candidate.startsWith(base) && isFile(candidate) ? candidate : join(base, 'index.html');
    if (!isFile(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('The dashboard is not built yet: npm start builds it.');
    }
    const immutable = file.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
