import { describe, expect, it } from 'vitest';
import { UndecodableError } from './decoded-call.ts';
import { checkWireFormat, type MessageShape } from './wire-format.ts';

const inner: MessageShape = { name: 'Inner', fields: { 1: { shape: 'string' }, 2: { shape: 'varint' } } };
const outer: MessageShape = { name: 'Outer', fields: { 1: { shape: 'bytes' }, 2: { shape: inner }, 3: { shape: 'bytes', repeated: true } } };
const check = (bytes: number[]) => () => checkWireFormat('the test message', new Uint8Array(bytes), outer);

describe('checkWireFormat', () => {
  it('accepts well-formed messages, repeated fields and unknown fields of any wire type', () => {
    expect(check([])).not.toThrow();
    // 1: "ab", 2: { 1: "é", 2: 300 }, 3: "x", 3: "y", 9: fixed32, 10: fixed64, 11: varint
    expect(check([0x0a, 2, 0x61, 0x62, 0x12, 7, 0x0a, 2, 0xc3, 0xa9, 0x10, 0xac, 0x02, 0x1a, 1, 0x78, 0x1a, 1, 0x79, 0x4d, 1, 2, 3, 4, 0x51, 1, 2, 3, 4, 5, 6, 7, 8, 0x58, 1])).not.toThrow();
  });

  it('refuses lengths and numbers that run past their message, which google-protobuf would loop on', () => {
    expect(check([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])).toThrow('the test message is not a valid Outer: field 1 runs past the end');
    expect(check([0x0a, 5, 1, 2])).toThrow('field 1 runs past the end');
    // the inner message's own field runs past the inner message, though not past the buffer
    expect(check([0x12, 2, 0x0a, 5, 0x61, 0x62, 0x63, 0x64, 0x65])).toThrow('not a valid Inner: field 1 runs past the end');
    expect(check([0x58])).toThrow('a number runs past the end');
    expect(check([0x58, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).toThrow('a number is longer than ten bytes');
    expect(check([0x4d, 1, 2])).toThrow('field 9 runs past the end');
  });

  it('refuses groups, field number 0, wrong wire types and a single field given twice', () => {
    expect(check([0x0b, 0x0c])).toThrow('field 1 has wire type 3');
    expect(check([0x00, 0x01])).toThrow('field number 0 is out of range');
    expect(check([0x08, 0x01])).toThrow('field 1 has wire type 0, not 2');
    expect(check([0x0a, 0, 0x0a, 0])).toThrow('field 1 occurs twice');
    expect(check([0x12, 0, 0x12, 0])).toThrow('field 2 occurs twice');
  });

  it('refuses a string that is not UTF-8, as Fabric does', () => {
    expect(check([0x12, 4, 0x0a, 2, 0xc3, 0x28])).toThrow(UndecodableError);
    expect(check([0x12, 4, 0x0a, 2, 0xc3, 0x28])).toThrow('not a valid Inner: field 1 is not valid UTF-8');
  });
});
