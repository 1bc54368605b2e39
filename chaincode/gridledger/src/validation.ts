import { invalid } from './errors.ts';

/** Parses a JSON argument into a plain object, or says which argument is wrong. */
export function parseObject(name: string, json: string): Record<string, unknown> {
  if (typeof json !== 'string' || json.length > 64 * 1024) throw invalid(`${name} must be a JSON object of at most 64 KiB`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw invalid(`${name} is not valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(`${name} must be a JSON object`);
  return value as Record<string, unknown>;
}

export function requireString(name: string, value: unknown, options: { min?: number; max: number; pattern?: RegExp; patternHint?: string }): string {
  if (typeof value !== 'string') throw invalid(`${name} must be a string`);
  const min = options.min ?? 1;
  if (value.length < min || value.length > options.max) throw invalid(`${name} must be ${min} to ${options.max} characters`);
  if (options.pattern && !options.pattern.test(value)) throw invalid(`${name} ${options.patternHint ?? 'has an invalid format'}`);
  return value;
}

export function optionalString(name: string, value: unknown, options: { max: number }): string {
  if (value === undefined || value === null || value === '') return '';
  return requireString(name, value, { min: 0, max: options.max });
}

export function requireInteger(name: string, value: unknown, min: number, max: number): number {
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw invalid(`${name} must be a whole number`);
  if (number < min || number > max) throw invalid(`${name} must be between ${min} and ${max}`);
  return number;
}

export function requireEnum<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(`${name} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function requireStringArray(name: string, value: unknown, options: { maxItems: number; item: (n: string, v: unknown) => string }): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(`${name} must be an array`);
  if (value.length > options.maxItems) throw invalid(`${name} may hold at most ${options.maxItems} entries`);
  const items = value.map((v, i) => options.item(`${name}[${i}]`, v));
  return [...new Set(items)].sort();
}

/** Rejects members the caller did not mean to send, so a typo is an error rather than a silent default. */
export function rejectUnknownFields(name: string, object: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(object).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw invalid(`${name} has unknown field(s): ${unknown.join(', ')}`);
}

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
export const requireId = (name: string, value: unknown): string =>
  requireString(name, value, { max: 128, pattern: ID_PATTERN, patternHint: 'may hold only letters, digits, ".", "_", ":" and "-", and must start with a letter or digit' });

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
export const requireSha256 = (name: string, value: unknown): string =>
  requireString(name, value, { min: 64, max: 64, pattern: SHA256_PATTERN, patternHint: 'must be a SHA-256 digest in 64 lowercase hex characters' });

/** CIDv0 (base58btc "Qm…") or CIDv1 in base32 ("b…"), the forms Kubo returns. */
export const CID_PATTERN = /^(Qm[1-9A-HJ-NP-Za-km-z]{44}|b[a-z2-7]{58,100})$/;
export const requireCid = (name: string, value: unknown): string =>
  requireString(name, value, { min: 46, max: 101, pattern: CID_PATTERN, patternHint: 'must be an IPFS CID (CIDv0 "Qm…" or base32 CIDv1 "b…")' });

export const MSP_PATTERN = /^[A-Za-z][A-Za-z0-9.-]{0,63}$/;
