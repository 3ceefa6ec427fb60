import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { DomainError } from './errors.js';

const takesBodyCache = new WeakMap<object, boolean>();

function takesBody(context: ExecutionContext): boolean {
  const handler = context.getHandler();
  let known = takesBodyCache.get(handler);
  if (known === undefined) {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as Record<string, unknown>;
    known = Object.keys(args).some((key) => Number(key.split(':')[0]) === Number(RouteParamtypes.BODY));
    takesBodyCache.set(handler, known);
  }
  return known;
}

function hasContent(body: unknown): boolean {
  if (body === undefined || body === null) return false;
  return !(typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
}

/**
 * A route that reads no body refuses one that is not empty (`{}` is fine): an action such as
 * `POST …/finalize` never runs with fields it would silently ignore, the same rule as unknown
 * fields in a body that is read.
 */
@Injectable()
export class UnexpectedBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && hasContent(context.switchToHttp().getRequest<Request>().body) && !takesBody(context)) {
      throw new DomainError('invalid', 'validation_failed', 'This route takes no request body.', [
        { field: '(body)', reason: 'must be empty: this route takes no request body', in: 'body' },
      ]);
    }
    return next.handle();
  }
}
