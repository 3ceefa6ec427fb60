import { buildFilter, condition, quoteFilterValue, type FilterName } from './meili-filter.js';

/**
 * A reference reader for one Meilisearch filter condition, `attribute = value`, following
 * the filter grammar: a value is a bare word, or a quoted string in which a backslash
 * escapes the next character. `rest` is whatever the condition did not consume: anything
 * there would be read as more filter (an injected `OR`, another condition …).
 */
function readCondition(text: string): { attribute: string; value: string; rest: string } {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*/.exec(text);
  if (!m) throw new Error(`no condition in ${text}`);
  let i = m[0].length;
  const quote = text[i];
  let value = '';
  if (quote === '"' || quote === "'") {
    i++;
    for (;;) {
      if (i >= text.length) throw new Error(`unterminated string in ${text}`);
      const c = text[i];
      if (c === '\\') {
        value += text[i + 1];
        i += 2;
      } else if (c === quote) {
        i++;
        break;
      } else {
        value += c;
        i++;
      }
    }
  } else {
    const bare = /^[^\s()[\]"']+/.exec(text.slice(i));
    value = bare ? bare[0] : '';
    i += value.length;
  }
  return { attribute: m[1], value, rest: text.slice(i).trim() };
}

describe('Meilisearch filters', () => {
  it('always filters by status and turns repeated values into OR lists, different filters into AND', () => {
    expect(buildFilter({ status: 'active' })).toEqual(['status = "active"']);
    expect(
      buildFilter({ status: 'active', category: ['security', 'archive'], level: [2, 3], tag: ['mfa'], legalSource: ['gdpr', 'nis2'] }),
    ).toEqual([
      'status = "active"',
      ['category = "security"', 'category = "archive"'],
      ['level = 2', 'level = 3'],
      ['tags = "mfa"'],
      ['legalSources = "gdpr"', 'legalSources = "nis2"'],
    ]);
  });

  const hostile = [
    'x" OR status = "retired',
    'x\\" OR status = \\"retired',
    "x' OR status = 'retired",
    'gdpr OR category = archive',
    'a\\',
    '\\"',
    '"',
    "'",
    ' OR ',
    ') OR (level = 1',
    'tags EXISTS',
    'NOT gdpr',
    'æøå "citat" \\ \'',
  ];

  it.each(hostile)('keeps %j one value of one condition', (value) => {
    const text = condition('legalSource', value);
    const read = readCondition(text);
    expect(read).toEqual({ attribute: 'legalSources', value, rest: '' });
  });

  it('the reference reader does catch an injection when a value is not escaped', () => {
    const naive = `legalSources = "${'x" OR status = "retired'}"`;
    expect(readCondition(naive).rest).toBe('OR status = "retired"');
  });

  it('names only whitelisted attributes and numbers only where numbers belong', () => {
    expect(() => condition('status OR 1' as FilterName, 'x')).toThrow(/Not a filterable attribute/);
    expect(() => condition('constructor' as FilterName, 'x')).toThrow(/Not a filterable attribute/);
    expect(() => condition('level', '2 OR level = 1')).toThrow(/whole number/);
    expect(() => condition('level', 1.5)).toThrow(/whole number/);
    expect(condition('level', 2)).toBe('level = 2');
    expect(condition('category', 2)).toBe('category = "2"');
  });

  it('refuses control characters in values', () => {
    expect(() => quoteFilterValue('a\nb')).toThrow(/control characters/);
    expect(() => quoteFilterValue('a\u0000')).toThrow(/control characters/);
  });
});
