/**
 * Node's base64 decoder skips characters it does not know, so a corrupted blob could decode to
 * something of the right length. Accepting only the canonical encoding makes every stored blob
 * and envelope field have exactly one spelling.
 */
export function decodeStrictBase64(text: unknown): Buffer | undefined {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
