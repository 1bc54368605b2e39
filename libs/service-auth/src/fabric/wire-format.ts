import { UndecodableError } from './decoded-call.ts';

/** What a field of a message holds, as far as checking its bytes needs to know. */
export type FieldShape = 'varint' | 'bytes' | 'string' | MessageShape;
export interface MessageShape {
  name: string;
  fields: Readonly<Record<number, { shape: FieldShape; repeated?: true }>>;
}

const WIRE = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Checks that `bytes` are a well-formed protobuf encoding of `shape`, before google-protobuf reads
 * them. That library loops forever on a length that runs past its message, and replaces where
 * Fabric's Go code merges a repeated message field; so every length must fit, every known field
 * must have its declared wire type and (unless repeated) occur once, strings must be UTF-8 as Go
 * requires, and groups are refused. Unknown fields are allowed, as both sides skip them.
 */
export function checkWireFormat(what: string, bytes: Uint8Array, shape: MessageShape): void {
  checkMessage(what, bytes, 0, bytes.length, shape);
}

function checkMessage(what: string, bytes: Uint8Array, start: number, end: number, shape: MessageShape): void {
  const bad = (problem: string) => new UndecodableError(`${what} is not a valid ${shape.name}: ${problem}`);
  const seen = new Set<number>();
  let position = start;
  const varint = (): number => {
    let value = 0;
    for (let i = 0; i < 10; i++) {
      if (position >= end) throw bad('a number runs past the end');
      const byte = bytes[position++] ?? 0;
      value += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) return value;
    }
    throw bad('a number is longer than ten bytes');
  };
  while (position < end) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (field < 1 || field > 0x1fffffff) throw bad(`field number ${field} is out of range`);
    const declared = shape.fields[field];
    if (declared) {
      const expected = declared.shape === 'varint' ? WIRE.varint : WIRE.lengthDelimited;
      if (wireType !== expected) throw bad(`field ${field} has wire type ${wireType}, not ${expected}`);
      if (!declared.repeated && seen.has(field)) throw bad(`field ${field} occurs twice`);
      seen.add(field);
    }
    switch (wireType) {
      case WIRE.varint:
        varint();
        break;
      case WIRE.fixed64:
      case WIRE.fixed32: {
        position += wireType === WIRE.fixed64 ? 8 : 4;
        if (position > end) throw bad(`field ${field} runs past the end`);
        break;
      }
      case WIRE.lengthDelimited: {
        const length = varint();
        const contentStart = position;
        position += length;
        if (position > end) throw bad(`field ${field} runs past the end`);
        const fieldShape = declared?.shape;
        if (fieldShape === 'string') {
          try {
            strictUtf8.decode(bytes.subarray(contentStart, position));
          } catch {
            throw bad(`field ${field} is not valid UTF-8`);
          }
        } else if (typeof fieldShape === 'object') {
          checkMessage(what, bytes, contentStart, position, fieldShape);
        }
        break;
      }
      default:
        throw bad(`field ${field} has wire type ${wireType}, which is not allowed here`);
    }
  }
}
