import { applyDecorators } from '@nestjs/common';
import { IsDefined, IsOptional, ValidateIf } from 'class-validator';

/**
 * The field may be left out, but `null` is refused (400 "must not be null"): for optional fields
 * whose absence means "keep" or "the default" and which have no empty state. class-validator's
 * own `@IsOptional()` lets `null` through as if the field were absent.
 */
export function OptionalField(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    IsDefined({ message: 'must not be null' }),
  );
}

/** The field may be left out or be `null`, which clears it (a note, a weight, a case number). */
export function NullableField(): PropertyDecorator {
  return IsOptional();
}
