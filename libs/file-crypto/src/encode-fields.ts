/**
 * Length-prefixed concatenation (u32 big-endian UTF-8 length, then the bytes) of each field.
 * Used for every associated-data and HPKE `info` string, so that no two different field lists
 * encode to the same bytes (`["ab", "c"]` vs `["a", "bc"]`), whatever characters they hold.
 */
export function encodeFields(fields: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const field of fields) {
    const bytes = Buffer.from(field, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  }
  return Buffer.concat(parts);
}
