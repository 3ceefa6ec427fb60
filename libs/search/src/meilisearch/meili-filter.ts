import type { SearchFilters } from '../model.js';

/** The only attributes a filter may name: the API's filter names mapped to document fields. */
export const FILTER_ATTRIBUTES = {
  category: 'category',
  level: 'level',
  tag: 'tags',
  legalSource: 'legalSources',
  status: 'status',
  obligation: 'obligation',
} as const;
export type FilterName = keyof typeof FILTER_ATTRIBUTES;

const NUMERIC = new Set<FilterName>(['level']);

/**
 * A string in a Meilisearch filter: always double-quoted, with `\` and `"` escaped by a
 * backslash, so that no value (`"`, `\`, `'`, ` OR `, `)` …) can leave its quotes and
 * change the filter's meaning. Control characters are refused outright.
 */
export function quoteFilterValue(value: string): string {
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new Error('A filter value may not contain control characters.');
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `attribute = "value"` for a whitelisted filter name; numbers only for numeric attributes. */
export function condition(name: FilterName, value: string | number): string {
  if (!Object.prototype.hasOwnProperty.call(FILTER_ATTRIBUTES, name)) throw new Error(`Not a filterable attribute: ${String(name)}`);
  const attribute = FILTER_ATTRIBUTES[name];
  if (NUMERIC.has(name)) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`Filter ${name} takes a whole number.`);
    return `${attribute} = ${value}`;
  }
  return `${attribute} = ${quoteFilterValue(String(value))}`;
}

/**
 * The filter in Meilisearch's array form: the outer list is AND, an inner list is OR.
 * Several values of one filter mean any of them; different filters must all hold.
 */
export function buildFilter(filters: SearchFilters): Array<string | string[]> {
  const clauses: Array<string | string[]> = [condition('status', filters.status)];
  const anyOf = (name: FilterName, values: Array<string | number> | undefined) => {
    if (values?.length) clauses.push(values.map((v) => condition(name, v)));
  };
  anyOf('category', filters.category);
  anyOf('level', filters.level);
  anyOf('tag', filters.tag);
  anyOf('legalSource', filters.legalSource);
  return clauses;
}
