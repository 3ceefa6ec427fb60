import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorKind, FieldError } from './errors.js';
import { databaseUnavailable, isDatabaseUnavailable, RetryLaterError } from './unavailable.js';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  too_many_requests: 429,
  unavailable: 503,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** Maps every error to an RFC 9457 problem+json body carrying a stable code and the request id. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(thrown: unknown, host: ArgumentsHost): void {
    // A database that is down or too slow is a 503 to retry, never a 500.
    const exception = isDatabaseUnavailable(thrown) ? databaseUnavailable() : thrown;
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const problem = this.toProblem(exception, req);
    if (exception !== thrown) {
      this.logger.warn({ requestId: problem.requestId }, `database unavailable: ${(thrown as Error).message}`);
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: problem.requestId }, 'request failed');
    }
    if (res.headersSent) return;
    if (exception instanceof RetryLaterError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown, req: Request & { id?: string }): ProblemDetails {
    const base = { instance: req.originalUrl ?? req.url, requestId: req.id ? String(req.id) : undefined };
    if (exception instanceof DomainError) {
      const status = STATUS[exception.kind];
      return {
        type: `urn:kravbank:problem:${exception.code}`,
        title: HttpStatusTitle(status),
        status,
        detail: exception.message,
        code: exception.code,
        ...base,
        ...(exception.errors.length ? { errors: exception.errors } : {}),
        ...exception.extra,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const malformed = exception.cause instanceof SyntaxError && status === 400;
      const code = malformed ? 'malformed_json' : (CODE_BY_STATUS[status] ?? `http_${status}`);
      const detail = malformed ? 'The request body is not valid JSON.' : httpDetail(exception, status, req);
      return { type: `urn:kravbank:problem:${code}`, title: HttpStatusTitle(status), status, detail, code, ...base };
    }
    // Body parser errors (malformed JSON, too large) arrive as plain errors with a status.
    const withStatus = exception as { status?: number; type?: string; message?: string };
    if (typeof withStatus?.status === 'number' && withStatus.status >= 400 && withStatus.status < 500) {
      const status = withStatus.status;
      const code = withStatus.type === 'entity.parse.failed' ? 'malformed_json' : (CODE_BY_STATUS[status] ?? `http_${status}`);
      const detail = code === 'malformed_json' ? 'The request body is not valid JSON.' : (withStatus.message ?? HttpStatusTitle(status));
      return { type: `urn:kravbank:problem:${code}`, title: HttpStatusTitle(status), status, detail, code, ...base };
    }
    return {
      type: 'urn:kravbank:problem:internal_error',
      title: HttpStatusTitle(500),
      status: 500,
      detail: 'An unexpected error occurred. Quote the request id when reporting it.',
      code: 'internal_error',
      ...base,
    };
  }
}

function httpDetail(exception: HttpException, status: number, req: Request): string {
  if (status === 404) return `No route ${req.method} ${req.path}.`;
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return exception.message;
}

function HttpStatusTitle(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((w, i) => (i === 0 ? w[0].toUpperCase() + w.slice(1) : w))
    .join(' ');
}
