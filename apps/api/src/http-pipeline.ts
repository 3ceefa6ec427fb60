import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream, LevelWithSilent } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { type AppConfig, checkInput, logSafeError, serviceLogDestination } from '@kravbank/common';

/**
 * What every request passes before it reaches a route, in this order: the request log (which
 * gives the request its id, so even a refused body is logged and answered with one), the
 * security headers, the JSON body parser with its size limit, and the input rules. Errors here
 * go to Nest's error handler and so to the problem+json filter.
 */
export function installHttpPipeline(app: NestExpressApplication, config: AppConfig, requestLogger: HttpLogger): void {
  app.set('trust proxy', config.trustProxy);
  app.use(requestLogger);
  app.use(securityHeaders(config));
  app.use(noStoreWhenAuthenticated);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(inputRules);
}

export const BODY_LIMIT = '1mb';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

type LoggedRequest = { id: string; method: string; url: string; remoteAddress?: string };

/** The matched route's pattern (`/api/requirements/:key`), known once routing is done; none for a request refused before it. */
function routeOf(req: IncomingMessage): string | undefined {
  const { route, baseUrl } = req as Request;
  return route ? `${baseUrl ?? ''}${(route as { path: string }).path}` : undefined;
}

/**
 * One line per request, written when the answer is sent: method, URL, the matched route, status,
 * time and request id. Headers are left out (they carry tokens); errors are logged without the
 * content of failed SQL statements.
 */
export function createRequestLogger(config: AppConfig, destination: DestinationStream = serviceLogDestination()): HttpLogger {
  return pinoHttp<IncomingMessage, ServerResponse, never>(
    {
      level: config.logLevel,
      // The caller's X-Request-Id when it is sane, else a new one; echoed on the response.
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: LoggedRequest) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: logSafeError,
      },
      // The request's bindings are written when it arrives; the route is added to the closing line.
      customSuccessObject: (req, _res, line: object) => ({ ...line, route: routeOf(req) }),
      customErrorObject: (req, _res, _error, line: object) => ({ ...line, route: routeOf(req) }),
      customLogLevel: (_req, res, err): LevelWithSilent =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
    destination,
  );
}

// The web app (Vite build, DKFDS) is served from the same origin: its scripts, styles, fonts and
// images are files of its own; images and small fonts may be inlined as data: URLs. Nothing inline.
const APP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'worker-src': ["'self'"],
};

// Swagger UI's page has inline <style> blocks and style attributes (its scripts are files).
const DOCS_DIRECTIVES = { ...APP_DIRECTIVES, 'style-src': ["'self'", "'unsafe-inline'"] };

function headersWith(directives: Record<string, string[]>, config: AppConfig): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      // Upgrading to https only makes sense when the service is reached over TLS.
      directives: config.trustProxy ? { ...directives, 'upgrade-insecure-requests': [] } : directives,
    },
    strictTransportSecurity: config.trustProxy ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  }) as RequestHandler;
}

/** helmet's headers; the OpenAPI page under /docs gets its own, slightly wider style policy. */
export function securityHeaders(config: AppConfig): RequestHandler {
  const app = headersWith(APP_DIRECTIVES, config);
  const docs = headersWith(DOCS_DIRECTIVES, config);
  return (req, res, next) => (req.path === '/docs' || req.path.startsWith('/docs/') ? docs : app)(req, res, next);
}

// Express matches routes case-insensitively and with a trailing slash: so does this.
const LOGIN_PATH = /^\/api\/auth\/login\/?$/i;

/**
 * `Cache-Control: no-store` on every answer to a request that carries credentials, and on the
 * login answer (it holds the token), whatever the route set: nothing personal stays in a cache.
 */
export function noStoreWhenAuthenticated(req: Request, res: Response, next: NextFunction): void {
  if (req.headers.authorization !== undefined || LOGIN_PATH.test(req.path)) {
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    res.setHeader('Cache-Control', 'no-store');
    res.writeHead = ((...args: unknown[]) => {
      res.setHeader('Cache-Control', 'no-store');
      return writeHead(...args);
    }) as Response['writeHead'];
  }
  next();
}

/** The input rules (libs/common) on the parsed body and the query string, before any route or guard runs. */
export function inputRules(req: Request, _res: Response, next: NextFunction): void {
  try {
    if (req.body !== undefined) req.body = checkInput(req.body as unknown, 'body');
    checkInput(req.query, 'query');
    next();
  } catch (error) {
    next(error);
  }
}
