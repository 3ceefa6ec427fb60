import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys by code unit at every depth, leaves out undefined properties and writes undefined in arrays as null', () => {
    const value = {
      z: 1,
      a: [3, { y: 'ø', b: null, x: undefined }, undefined, [true, false]],
      Å: 'Å',
      B: { '': 0, ' ': -1.5, é: 'e', '\ud83d\ude00': '😀' },
      empty: {},
      none: [],
      text: 'linje\n"citat"\t\\',
    };
    expect(canonicalJson(value)).toBe(
      '{"B":{"":0," ":-1.5,"é":"e","😀":"😀"},"a":[3,{"b":null,"y":"ø"},null,[true,false]],"empty":{},"none":[],"text":"linje\\n\\"citat\\"\\t\\\\","z":1,"Å":"Å"}',
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(canonicalJson(Object.assign(Object.create(null), { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it('refuses what JSON cannot hold faithfully', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/finite/);
    expect(() => canonicalJson({ a: Infinity })).toThrow(/finite/);
    expect(() => canonicalJson(new Date(0))).toThrow(/plain objects, got Date/);
    expect(() => canonicalJson(new Map())).toThrow(/plain objects/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/cannot encode a function/);
    expect(() => canonicalJson(undefined)).toThrow(/cannot encode a undefined/);
  });
});
