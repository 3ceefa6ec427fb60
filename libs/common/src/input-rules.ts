import { DomainError, type FieldError } from './errors.js';

/**
 * The rules every piece of text from a request obeys, whatever route it reaches: from the body,
 * the query string or the path. They run before any transformation (class-transformer, the
 * services, PostgreSQL), so a hostile value is a 400 naming the field, never a 500.
 */

/** The deepest nesting a request body may have: `{"items":[{"local":{"title":…}}]}` is 4. */
export const MAX_BODY_DEPTH = 8;

/** Keys that could reach an object's prototype in code that copies properties. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Fields that hold running text of several lines: they may contain tab and line breaks. Every
 * other text field (titles, keys, names, ids, search words) is one line.
 */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set([
  'statement',
  'rationale',
  'guidance',
  'verification',
  'motivation',
  'description',
  'note',
  'comment',
  'reason',
  'text',
  // The tender annex's front matter and evaluation method (paragraphs in the document).
  'contractStatus',
  'reservationsClause',
  'instruction',
  'method',
]);

/** Fields kept exactly as sent (a password is compared with a hash of the bytes the user chose). */
const VERBATIM_FIELDS = new Set(['password']);

const LONE_SURROGATE = /\p{Cs}/u;
// C0 controls, DEL and the C1 controls; the multi-line variant lets tab, LF and CR through.
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Why a text is refused, or undefined when it is acceptable. */
export function textFault(value: string, multiline: boolean): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired UTF-16 surrogates';
  if ((multiline ? CONTROL_MULTILINE : CONTROL_ONE_LINE).test(value)) {
    return multiline
      ? 'must not contain control characters (tab and line breaks are allowed)'
      : 'must be one line without control characters';
  }
  return undefined;
}

export type InputPlace = 'body' | 'query' | 'param';

const PLACE_WORD: Record<InputPlace, string> = { body: 'request body', query: 'query parameter', param: 'path parameter' };

interface Walk {
  place: InputPlace;
  errors: FieldError[];
  /** Path and query text was percent-decoded from bytes: a U+FFFD there means bytes that were not UTF-8. */
  fromUrl: boolean;
}

const NOT_UTF8 = 'must be valid UTF-8 (percent-encoded bytes that are not UTF-8, e.g. an unpaired surrogate)';

const MAX_ERRORS = 20;

/** Dotted paths, array positions included (`items.1.note`), as the validation errors name fields. */
function fieldName(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

function refuse(walk: Walk, field: string, reason: string): void {
  if (walk.errors.length < MAX_ERRORS) walk.errors.push({ field: field || `(${walk.place})`, reason });
}

/**
 * Checks one value and everything inside it; returns it with every string NFC-normalised (objects
 * and arrays are changed in place). `leaf` is the name of the field a string belongs to (an array's
 * elements belong to the array's field), which decides whether line breaks are allowed.
 */
function visit(value: unknown, path: string, leaf: string, depth: number, walk: Walk): unknown {
  if (typeof value === 'string') {
    const fault = textFault(value, MULTILINE_FIELDS.has(leaf)) ?? (walk.fromUrl && value.includes('\ufffd') ? NOT_UTF8 : undefined);
    if (fault) refuse(walk, path, fault);
    return fault || VERBATIM_FIELDS.has(leaf) ? value : value.normalize('NFC');
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_BODY_DEPTH) {
    refuse(walk, path, `is nested too deeply (at most ${MAX_BODY_DEPTH} levels of objects and arrays)`);
    return value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && walk.errors.length < MAX_ERRORS; i++) {
      value[i] = visit(value[i], fieldName(path, i), leaf, depth + 1, walk);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (walk.errors.length >= MAX_ERRORS) break;
    const field = fieldName(path, key);
    if (FORBIDDEN_KEYS.has(key)) {
      refuse(walk, field, 'is a forbidden field name');
      continue;
    }
    const keyFault = textFault(key, false);
    if (keyFault) {
      refuse(walk, path, `has a field name that ${keyFault}`);
      continue;
    }
    record[key] = visit(record[key], field, key, depth + 1, walk);
  }
  return record;
}

/**
 * Applies the text rules, the depth limit and the forbidden keys to a request's body, query or
 * path parameters. Returns the value with its text NFC-normalised, or throws a 400 DomainError
 * (code `validation_failed`) listing every refused field with `in` set to the place.
 */
export function checkInput<T>(value: T, place: InputPlace, name = ''): T {
  const walk: Walk = { place, errors: [], fromUrl: place !== 'body' };
  const result = visit(value, name, name, 0, walk) as T;
  if (walk.errors.length) {
    const errors = walk.errors.map((e) => ({ ...e, in: place }));
    const detail = errors.map((e) => `${PLACE_WORD[place]} '${e.field}' ${e.reason}`).join('; ');
    throw new DomainError('invalid', 'validation_failed', detail, errors);
  }
  return result;
}
