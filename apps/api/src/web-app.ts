import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '@kravbank/common';

/** Paths the service answers itself; the web app never shadows them. */
const SERVICE_PATHS = /^\/(api|docs|docs-json|docs-yaml|health)(\/|$|\?)/;

/** The built web app's folder (apps/web/dist), or null when it has not been built. */
export function webAppDir(): string | null {
  const dir = path.join(projectRoot(), 'apps', 'web', 'dist');
  return existsSync(path.join(dir, 'index.html')) ? dir : null;
}

/**
 * Serves the web app at `/`: its files (hashed assets cached for a year, index.html never), and
 * index.html for any other GET that asks for a page, so that the app's own routes load on refresh.
 */
export function serveWebApp(app: NestExpressApplication, dir = webAppDir()): void {
  if (!dir) return;
  const index = path.join(dir, 'index.html');
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, file) =>
        res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVICE_PATHS.test(req.path) || !req.accepts('html')) return next();
    if (path.extname(req.path)) return next(); // a missing file stays a 404
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
