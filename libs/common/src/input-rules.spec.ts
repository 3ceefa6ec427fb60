import { DomainError } from './errors.js';
import { checkInput, MAX_BODY_DEPTH, textFault } from './input-rules.js';

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

const nested = (levels: number): unknown => {
  let v: unknown = 'bund';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

describe('text input rules', () => {
  it('refuses NUL, other control characters and unpaired surrogates', () => {
    expect(textFault('a\u0000b', true)).toMatch(/NUL/);
    for (const c of ['\u0001', '\u0008', '\u000b', '\u001f', '\u007f', '\u0085', '\u009f']) {
      expect(textFault(`a${c}b`, true)).toBeDefined();
      expect(textFault(`a${c}b`, false)).toBeDefined();
    }
    expect(textFault('a\ud800b', false)).toMatch(/surrogate/);
    expect(textFault('a\udfffb', true)).toMatch(/surrogate/);
    expect(textFault('emoji \ud83d\ude00 er fint', false)).toBeUndefined();
    expect(textFault('Løsningen skal – “citat” æøå', false)).toBeUndefined();
  });

  it('allows tab and line breaks in multi-line fields only', () => {
    for (const c of ['\t', '\n', '\r']) {
      expect(textFault(`linje 1${c}linje 2`, true)).toBeUndefined();
      expect(textFault(`linje 1${c}linje 2`, false)).toMatch(/one line/);
    }
  });

  it('decides per field: statement, note, motivation, comment are multi-line; title and keys are not', () => {
    expect(checkInput({ content: { statement: 'a\nb', guidance: 'c\r\nd' }, note: 'x\ty', motivation: '1\n2' }, 'body')).toBeDefined();
    const e = refusal(() => checkInput({ content: { title: 'a\nb' }, requirementKey: 'SIK\t1' }, 'body'));
    expect(e.errors.map((x) => [x.field, x.in])).toEqual([
      ['content.title', 'body'],
      ['requirementKey', 'body'],
    ]);
    expect(refusal(() => checkInput({ items: [{ local: { title: 'ok' } }, { note: 'a\u0000' }] }, 'body')).errors[0].field).toBe(
      'items.1.note',
    );
    expect(refusal(() => checkInput('SIK-001\u0000', 'param', 'key')).errors).toEqual([
      { field: 'key', reason: 'must not contain NUL characters', in: 'param' },
    ]);
  });

  it('refuses field names that could reach a prototype, and control characters in field names', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const body = JSON.parse(`{"title":"x","nested":{"${key}":{"polluted":true}}}`) as unknown;
      expect(refusal(() => checkInput(body, 'body')).errors[0]).toMatchObject({
        field: `nested.${key}`,
        reason: 'is a forbidden field name',
      });
    }
    expect(refusal(() => checkInput({ 'ti\u0000tle': 'x' }, 'body')).errors[0].reason).toMatch(/field name/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it(`refuses bodies nested deeper than ${MAX_BODY_DEPTH} levels without overflowing the stack`, () => {
    expect(() => checkInput(nested(MAX_BODY_DEPTH), 'body')).not.toThrow();
    expect(refusal(() => checkInput(nested(MAX_BODY_DEPTH + 1), 'body')).errors[0].reason).toMatch(/nested too deeply/);
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`) as unknown;
    expect(refusal(() => checkInput(deep, 'body')).errors).toHaveLength(1);
  });

  it('NFC-normalises text but keeps a password as sent; refuses U+FFFD only in path and query text', () => {
    const body = checkInput({ title: 'A\u030arhus', tags: ['a\u030a'], password: 'A\u030a' }, 'body');
    expect(body).toEqual({ title: 'Århus', tags: ['å'], password: 'A\u030a' });
    expect(checkInput({ title: 'ukendt tegn \ufffd' }, 'body')).toBeDefined();
    expect(refusal(() => checkInput({ q: 'x\ufffd' }, 'query')).errors[0]).toMatchObject({ field: 'q', in: 'query' });
  });
});
