import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from './errors.js';
import { checkInput } from './input-rules.js';

/** Turns class-validator's tree of errors into flat `{ field, reason }` pairs with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      out.push({ field, reason: rule === 'whitelistValidation' ? 'is not a known field' : stripProperty(message, error.property) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

function stripProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

const OPTIONAL_BODY = Symbol('kravbank:optional-body');

/**
 * A body class whose every field is optional (e.g. `POST …/finalize` with `acknowledgeWarnings`):
 * a request without a body is read as `{}`. Other routes still refuse a missing body.
 */
export function OptionalBody(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(OPTIONAL_BODY, true, target);
  };
}

const WHERE: Record<string, string> = { query: 'query parameter', body: 'request body', param: 'path parameter' };

/**
 * The global validation pipe: whitelist, forbid unknown fields, transform, and report
 * every refused field as a problem+json `errors` entry.
 */
@Injectable()
export class ProblemValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      stopAtFirstError: false,
      exceptionFactory: (errors) =>
        new DomainError('invalid', 'validation_failed', 'The request is not valid.', flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Path and query text obey the same rules as the body (which its own middleware checked before
    // any route ran): a NUL in `/requirements/SIK-001%00` is a 400 naming `key`.
    if (metadata.type === 'param' || metadata.type === 'query') value = checkInput(value, metadata.type, metadata.data ?? '');
    if (metadata.type === 'body' && value === undefined && metadata.metatype && Reflect.getMetadata(OPTIONAL_BODY, metadata.metatype))
      value = {};
    if (
      metadata.type === 'body' &&
      metadata.metatype &&
      metadata.metatype !== Object &&
      (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value))
    ) {
      throw new DomainError('invalid', 'validation_failed', 'The request body must be a JSON object.', [
        { field: '(body)', reason: 'must be a JSON object' },
      ]);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation_failed' && error.errors.length) {
        const where = WHERE[metadata.type] ?? metadata.type;
        const detail = error.errors.map((e) => `${where} '${e.field}' ${e.reason}`).join('; ');
        throw new DomainError(
          'invalid',
          'validation_failed',
          detail,
          error.errors.map((e) => ({ ...e, in: metadata.type })),
        );
      }
      throw error;
    }
  }
}
