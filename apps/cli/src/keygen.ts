import { lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateRecipientKeyPair } from '@gridledger/file-crypto';
import { CliError, systemErrorReason } from './cli-error.ts';

export const PRIVATE_KEY_FILE = 'recipient-key.pem';
export const PUBLIC_KEY_FILE = 'recipient-key.pub.pem';

export interface WrittenKeyPair {
  privateKeyPath: string;
  publicKeyPath: string;
  /** SPKI PEM, what the consumer registers with GridLedger */
  publicKeyPem: string;
}

/**
 * A fresh X25519 key pair in `outDir`: PKCS#8 private key (mode 0600) and SPKI public key.
 * An existing key is never overwritten: envelopes sealed for it could no longer be opened.
 */
export async function writeRecipientKeyPair(outDir: string): Promise<WrittenKeyPair> {
  const privateKeyPath = join(outDir, PRIVATE_KEY_FILE);
  const publicKeyPath = join(outDir, PUBLIC_KEY_FILE);
  try {
    await mkdir(outDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new CliError(`cannot create ${outDir}: ${systemErrorReason(error)}`, { cause: error });
  }
  for (const path of [privateKeyPath, publicKeyPath]) {
    if (await exists(path)) throw new CliError(`${path} already exists; not overwriting a key (envelopes sealed for it could no longer be opened)`);
  }
  const pair = generateRecipientKeyPair();
  await write(privateKeyPath, pair.privateKeyPem, 0o600);
  try {
    await write(publicKeyPath, pair.publicKeyPem, 0o644);
  } catch (error) {
    // a private key without its public half is of no use to anyone: leave neither
    await rm(privateKeyPath, { force: true });
    throw error;
  }
  pair.privateKey.fill(0);
  return { privateKeyPath, publicKeyPath, publicKeyPem: pair.publicKeyPem };
}

async function write(path: string, text: string, mode: number): Promise<void> {
  try {
    // wx: fails if the file appeared meanwhile; mode applies at creation, so the key is never readable by others
    await writeFile(path, text, { flag: 'wx', mode });
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${systemErrorReason(error)}`, { cause: error });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    throw new CliError(`cannot check ${path}: ${systemErrorReason(error)}`, { cause: error });
  }
}
