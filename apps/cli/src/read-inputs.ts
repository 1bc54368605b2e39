import { readFile, stat } from 'node:fs/promises';
import type { JsonWebKey } from 'node:crypto';
import type { KeyEnvelope, X25519KeyInput } from '@gridledger/file-crypto';
import { CliError, systemErrorReason } from './cli-error.ts';

const MAX_ENVELOPE_BYTES = 1024 * 1024;
const MAX_KEY_BYTES = 64 * 1024;

/**
 * The envelope as `sealKeyForRecipient` produced it, or an API answer that carries it under
 * `envelope`. Only its JSON shape is checked here; `openKeyEnvelope` checks the fields.
 * A parse error is reported without the parser's message, which quotes the file's content.
 */
export async function readEnvelopeFile(path: string): Promise<KeyEnvelope> {
  const text = await readSmallFile(path, 'key envelope', MAX_ENVELOPE_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not JSON (expected the key envelope GridLedger released to you)`);
  }
  if (isObject(parsed) && isObject(parsed['envelope'])) parsed = parsed['envelope'];
  if (!isObject(parsed)) throw new CliError(`${path} is not a key envelope (expected a JSON object)`);
  return parsed as unknown as KeyEnvelope;
}

/** An X25519 private key file: PKCS#8 PEM (what `keygen` and `openssl genpkey -algorithm X25519` write) or a JWK. */
export async function readPrivateKeyFile(path: string): Promise<X25519KeyInput> {
  const text = await readSmallFile(path, 'private key', MAX_KEY_BYTES);
  if (text.includes('-----BEGIN PUBLIC KEY-----')) {
    throw new CliError(`${path} holds a public key; --key needs your private key (recipient-key.pem)`);
  }
  if (!text.trimStart().startsWith('{')) return text;
  try {
    return JSON.parse(text) as JsonWebKey;
  } catch {
    throw new CliError(`${path} is neither a PEM private key nor a JWK`);
  }
}

async function readSmallFile(path: string, what: string, limit: number): Promise<string> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`cannot read ${what} ${path}: is a directory`);
    if (info.size > limit) throw new CliError(`${path} is too large to be a ${what}`);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${what} ${path}: ${systemErrorReason(error)}`, { cause: error });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
