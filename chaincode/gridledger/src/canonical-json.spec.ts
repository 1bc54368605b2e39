import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('writes the same bytes whatever order the keys were set in', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: 'z' } })).toBe('{"a":{"c":"z","d":[{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('drops undefined members as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});

describe('canonicalJson, further cases', () => {
  it('keeps array order, which is data, while sorting the keys of objects inside arrays', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([{ b: 1, a: 2 }, { d: null, c: [] }])).toBe('[{"a":2,"b":1},{"c":[],"d":null}]');
  });

  it('writes primitives as JSON.stringify does, without whitespace', () => {
    for (const value of [null, 0, -1.5, true, 'text "quoted" and ünïcode', '']) expect(canonicalJson(value)).toBe(JSON.stringify(value));
    expect(canonicalJson({ a: [1, { b: 2 }] })).not.toMatch(/\s/);
  });

  it('sorts by UTF-16 code unit, so upper case comes before lower case and "a" before "aa"', () => {
    expect(canonicalJson({ b: 1, B: 2, aa: 3, a: 4 })).toBe('{"B":2,"a":4,"aa":3,"b":1}');
  });

  it('round-trips: parsing the output gives back the same value', () => {
    const value = { z: { y: [1, 'two', { x: false }] }, a: 'b' };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
    expect(canonicalJson(JSON.parse(canonicalJson(value)))).toBe(canonicalJson(value));
  });
});
