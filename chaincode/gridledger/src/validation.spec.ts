import { cidV0, cidV1, expectThrows, sha } from './test-support/fixtures.ts';
import { describe, expect, it } from 'vitest';
import {
  MSP_PATTERN, optionalString, parseObject, rejectUnknownFields, requireCid, requireEnum, requireId, requireInteger,
  requireSha256, requireString, requireStringArray,
} from './validation.ts';

describe('parseObject', () => {
  it('parses a JSON object', () => {
    expect(parseObject('asset', '{"a":1,"b":{"c":[true]}}')).toEqual({ a: 1, b: { c: [true] } });
  });

  it.each([
    ['malformed JSON', '{"a":', /asset is not valid JSON/],
    ['an array', '[1,2]', /asset must be a JSON object/],
    ['null', 'null', /asset must be a JSON object/],
    ['a number', '42', /asset must be a JSON object/],
    ['a string', '"text"', /asset must be a JSON object/],
    ['an empty string', '', /asset is not valid JSON/],
  ])('refuses %s', (_label, input, message) => {
    expectThrows(() => parseObject('asset', input), 'INVALID_ARGUMENT', message);
  });

  it('refuses a document over 64 KiB and accepts one at the limit', () => {
    const body = (length: number) => `{"a":"${'x'.repeat(length - 8)}"}`;
    expect(body(64 * 1024).length).toBe(64 * 1024);
    expect(parseObject('asset', body(64 * 1024))).toHaveProperty('a');
    expectThrows(() => parseObject('asset', body(64 * 1024 + 1)), 'INVALID_ARGUMENT', /at most 64 KiB/);
  });

  it('refuses a value that is not a string at all', () => {
    expectThrows(() => parseObject('asset', undefined as unknown as string), 'INVALID_ARGUMENT', /asset must be a JSON object/);
  });
});

describe('requireString and optionalString', () => {
  it('accepts strings within the bounds, from 1 character by default', () => {
    expect(requireString('title', 'a', { max: 3 })).toBe('a');
    expect(requireString('title', 'abc', { max: 3 })).toBe('abc');
    expectThrows(() => requireString('title', '', { max: 3 }), 'INVALID_ARGUMENT', /title must be 1 to 3 characters/);
    expectThrows(() => requireString('title', 'abcd', { max: 3 }), 'INVALID_ARGUMENT', /title must be 1 to 3 characters/);
  });

  it('refuses non-strings and says which field', () => {
    for (const value of [undefined, null, 1, true, ['a'], { a: 1 }]) expectThrows(() => requireString('title', value, { max: 10 }), 'INVALID_ARGUMENT', /^INVALID_ARGUMENT: title must be a string$/);
  });

  it('applies the pattern with its hint, or a generic sentence', () => {
    expectThrows(() => requireString('code', 'ab!', { max: 10, pattern: /^[a-z]+$/, patternHint: 'must be lowercase' }), 'INVALID_ARGUMENT', /code must be lowercase/);
    expectThrows(() => requireString('code', 'ab!', { max: 10, pattern: /^[a-z]+$/ }), 'INVALID_ARGUMENT', /code has an invalid format/);
  });

  it('treats a missing, null or empty optional string as empty, and still bounds its length', () => {
    expect(optionalString('memo', undefined, { max: 5 })).toBe('');
    expect(optionalString('memo', null, { max: 5 })).toBe('');
    expect(optionalString('memo', '', { max: 5 })).toBe('');
    expect(optionalString('memo', 'hello', { max: 5 })).toBe('hello');
    expectThrows(() => optionalString('memo', 'hello!', { max: 5 }), 'INVALID_ARGUMENT', /memo must be 0 to 5 characters/);
    expectThrows(() => optionalString('memo', 7, { max: 5 }), 'INVALID_ARGUMENT', /memo must be a string/);
  });
});

describe('requireInteger', () => {
  it('accepts whole numbers and decimal strings of them', () => {
    expect(requireInteger('amount', 5, 1, 10)).toBe(5);
    expect(requireInteger('amount', '10', 1, 10)).toBe(10);
    expect(requireInteger('amount', '-3', -5, 0)).toBe(-3);
  });

  it.each([1.5, '1.5', '1e3', ' 7', '0x10', '', 'seven', Number.NaN, Infinity, null, undefined, true, '9007199254740993', 2 ** 53])(
    'refuses %s as not a whole number',
    (value) => {
      expectThrows(() => requireInteger('amount', value, 0, Number.MAX_SAFE_INTEGER), 'INVALID_ARGUMENT', /amount must be a whole number/);
    },
  );

  it('refuses values outside the bounds, inclusive bounds accepted', () => {
    expect(requireInteger('amount', 1, 1, 10)).toBe(1);
    expectThrows(() => requireInteger('amount', 0, 1, 10), 'INVALID_ARGUMENT', /amount must be between 1 and 10/);
    expectThrows(() => requireInteger('amount', '-1', 0, 10), 'INVALID_ARGUMENT', /between 0 and 10/);
    expectThrows(() => requireInteger('amount', 11, 1, 10), 'INVALID_ARGUMENT', /between 1 and 10/);
  });
});

describe('requireEnum', () => {
  it('accepts only listed values, case-sensitively', () => {
    const colours = ['red', 'green'] as const;
    expect(requireEnum('colour', 'green', colours)).toBe('green');
    for (const value of ['Green', 'blue', '', 1, null]) expectThrows(() => requireEnum('colour', value, colours), 'INVALID_ARGUMENT', /colour must be one of red, green/);
  });
});

describe('requireStringArray', () => {
  const item = (n: string, v: unknown) => requireString(n, v, { max: 5 });

  it('is empty when absent and sorts and de-duplicates what it gets', () => {
    expect(requireStringArray('orgs', undefined, { maxItems: 3, item })).toEqual([]);
    expect(requireStringArray('orgs', ['b', 'a', 'b'], { maxItems: 3, item })).toEqual(['a', 'b']);
  });

  it('refuses a non-array, too many entries, and names the bad entry by index', () => {
    expectThrows(() => requireStringArray('orgs', 'a', { maxItems: 3, item }), 'INVALID_ARGUMENT', /orgs must be an array/);
    expectThrows(() => requireStringArray('orgs', null, { maxItems: 3, item }), 'INVALID_ARGUMENT', /orgs must be an array/);
    expectThrows(() => requireStringArray('orgs', ['a', 'b', 'c', 'd'], { maxItems: 3, item }), 'INVALID_ARGUMENT', /orgs may hold at most 3 entries/);
    expectThrows(() => requireStringArray('orgs', ['a', 'toolong'], { maxItems: 3, item }), 'INVALID_ARGUMENT', /orgs\[1\] must be 1 to 5 characters/);
  });
});

describe('rejectUnknownFields', () => {
  it('passes known fields and lists every unknown one', () => {
    expect(() => rejectUnknownFields('asset', { id: 1, title: 2 }, ['id', 'title', 'description'])).not.toThrow();
    expectThrows(() => rejectUnknownFields('asset', { id: 1, titel: 2, colour: 3 }, ['id', 'title']), 'INVALID_ARGUMENT', /asset has unknown field\(s\): titel, colour/);
  });
});

describe('requireId', () => {
  it.each(['a', 'A1', '7', 'asset-2025.03_x:1', 'x'.repeat(128)])('accepts %s', (id) => {
    expect(requireId('id', id)).toBe(id);
  });

  it.each(['', '-a', '.a', '_a', ':a', 'a b', 'a/b', 'a\u0000b', 'é', 'x'.repeat(129)])('refuses %j', (id) => {
    expectThrows(() => requireId('id', id), 'INVALID_ARGUMENT', /^INVALID_ARGUMENT: id /);
  });
});

describe('requireSha256', () => {
  it('accepts 64 lowercase hex characters', () => {
    const digest = sha('data');
    expect(requireSha256('hash', digest)).toBe(digest);
  });

  it.each([
    ['upper case', sha('data').toUpperCase()],
    ['63 characters', sha('data').slice(1)],
    ['65 characters', `${sha('data')}0`],
    ['a non-hex character', `g${sha('data').slice(1)}`],
    ['a 0x prefix', `0x${sha('data').slice(2)}`],
    ['a number', 12345],
  ])('refuses %s', (_label, value) => {
    expectThrows(() => requireSha256('hash', value), 'INVALID_ARGUMENT', /^INVALID_ARGUMENT: hash /);
  });
});

describe('requireCid', () => {
  it('accepts CIDv0 and base32 CIDv1', () => {
    expect(requireCid('cid', cidV0('x'))).toBe(cidV0('x'));
    expect(requireCid('cid', cidV1('x'))).toBe(cidV1('x'));
    expect(requireCid('cid', 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG')).toBe('QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG');
    expect(requireCid('cid', 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi')).toMatch(/^bafy/);
  });

  it.each([
    ['a v0 CID one character short', cidV0('x').slice(0, -1)],
    ['a v0 CID with the excluded base58 letter 0', `Qm0${cidV0('x').slice(3)}`],
    ['a v0 CID with the excluded base58 letter l', `Qml${cidV0('x').slice(3)}`],
    ['a v1 CID in upper case', cidV1('x').toUpperCase()],
    ['a v1 CID with a base32 digit 1', `b1${cidV1('x').slice(2)}`],
    ['a v1 CID that is too long', `b${'a'.repeat(101)}`],
    ['an https URL', `https://ipfs.io/ipfs/${cidV0('x')}`],
    ['a path', `/ipfs/${cidV0('x')}`],
  ])('refuses %s', (_label, value) => {
    expectThrows(() => requireCid('cid', value), 'INVALID_ARGUMENT', /^INVALID_ARGUMENT: cid /);
  });
});

describe('MSP_PATTERN', () => {
  it('matches MSP ids and nothing else', () => {
    for (const msp of ['GridMSP', 'Org1MSP', 'regulator.example-msp']) expect(MSP_PATTERN.test(msp)).toBe(true);
    for (const msp of ['', '1Org', 'Grid MSP', 'Grid_MSP', `G${'x'.repeat(64)}`]) expect(MSP_PATTERN.test(msp)).toBe(false);
  });
});
