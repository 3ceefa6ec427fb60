/**
 * Domain errors carry a stable code; the problem+json filter maps the code's
 * kind to an HTTP status. Services throw these, never HTTP exceptions.
 */
export type ErrorKind =
  | 'invalid' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'too_large' // 413
  | 'unprocessable' // 422
  | 'too_many_requests' // 429: throttled; see RetryLaterError for the Retry-After
  | 'unavailable'; // 503: a service the request needs (e.g. the search engine) did not answer

export interface FieldError {
  /** Dotted path of the offending field, e.g. `content.level` or `query.limit`. */
  field: string;
  /** Why the value was refused, in plain words. */
  reason: string;
  /** Where the value came from: `body`, `query` or `param`. */
  in?: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string | number): DomainError =>
  new DomainError('not_found', `${what}_not_found`, `No ${what.replace(/_/g, ' ')} '${id}'.`);

export const invalid = (field: string, reason: string, code = 'validation_failed'): DomainError =>
  new DomainError('invalid', code, `${field}: ${reason}`, [{ field, reason }]);

export const conflict = (code: string, message: string, extra: Record<string, unknown> = {}): DomainError =>
  new DomainError('conflict', code, message, [], extra);
