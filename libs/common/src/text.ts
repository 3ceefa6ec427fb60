import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength } from 'class-validator';

const NOT_BLANK = { message: 'must not be empty' };

/** A required text field: a string with at least one visible character and at most `max` characters. */
export function NonBlankText(max: number): PropertyDecorator {
  // Applied in the order of the stacked decorators it replaces (`@IsString() @Matches(…) @MaxLength(…)`,
  // which run bottom-up), so the field errors come out in the same order.
  return applyDecorators(MaxLength(max), Matches(/\S/, NOT_BLANK), IsString());
}

/** A timestamp from the database (Date or text) as an ISO 8601 string; null stays null. */
export function isoOrNull(value: Date | string | null | undefined): string | null {
  return value === null || value === undefined ? null : new Date(value).toISOString();
}
