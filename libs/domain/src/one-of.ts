/** A type guard for one of a fixed list of strings: what arrives from JSON, a token or a query is checked, not cast. */
export const isOneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (allowed as readonly string[]).includes(value);
