import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { decryptStream, hashingPassThrough, isFileCryptoError, openKeyEnvelope, type KeyEnvelope, type X25519KeyInput } from '@gridledger/file-crypto';
import { CliError, systemErrorReason } from './cli-error.ts';
import { fetchFromGateway, networkReason } from './gateway.ts';
import { progressMeter, silentProgress, type ProgressReporter } from './progress.ts';
import { readEnvelopeFile, readPrivateKeyFile } from './read-inputs.ts';

export interface DecryptRequest {
  envelopePath: string;
  keyPath: string;
  outPath: string;
  gateway: URL;
  /** lowercase hex plaintext SHA-256 from the chain */
  expectSha256: string | undefined;
}

export interface DecryptResult {
  envelope: KeyEnvelope;
  /** absolute path of the file written */
  outPath: string;
  url: string;
  plaintextBytes: number;
  plaintextSha256: string;
  ciphertextBytes: number;
  /** compare with the ciphertext hash anchored on chain */
  ciphertextSha256: string;
}

export interface DecryptOptions {
  /** receives the start (with content-length) and the ciphertext bytes as they arrive */
  progress?: ProgressReporter;
  signal?: AbortSignal;
}

/** Exit code of an interrupted run (128 + SIGINT). */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * Opens the envelope, streams `<gateway>/ipfs/<cid>` through decryption and hashing into a
 * temporary file beside the output, and renames it into place only when every chunk verified and
 * the plaintext hash matched. Memory stays at about one chunk plus the stream buffers.
 */
export async function decryptToFile(request: DecryptRequest, options: DecryptOptions = {}): Promise<DecryptResult> {
  const progress = options.progress ?? silentProgress;
  const envelope = await readEnvelopeFile(request.envelopePath);
  const privateKey = await readPrivateKeyFile(request.keyPath);
  const dataKey = await openEnvelope(privateKey, envelope, request);
  try {
    const outPath = resolve(request.outPath);
    await checkOutputPath(outPath);
    const download = await fetchFromGateway(request.gateway, envelope.cid, options.signal);
    const temp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(6).toString('hex')}.part`);
    const cipherHash = hashingPassThrough();
    const plainHash = hashingPassThrough();
    let created = false;
    try {
      // only the owner can read the partial (and final) plaintext
      const handle = await open(temp, 'wx', 0o600).catch((error: unknown) => {
        download.body.destroy();
        throw new CliError(`cannot write ${request.outPath}: ${systemErrorReason(error)}`, { cause: error });
      });
      created = true;
      progress.start(download.totalBytes);
      await pipeline(
        [download.body, progressMeter(progress), cipherHash, decryptStream(dataKey), plainHash, handle.createWriteStream({ flush: true })],
        options.signal === undefined ? {} : { signal: options.signal },
      ).catch((error: unknown) => {
        throw pipelineError(error, envelope.cid, download.url, request.outPath, options.signal);
      });
      if (request.expectSha256 !== undefined && plainHash.sha256 !== request.expectSha256) {
        throw new CliError(
          `plaintext SHA-256 of ${envelope.cid} is ${plainHash.sha256}, not the expected ${request.expectSha256}; nothing was written to ${request.outPath}`,
        );
      }
      await rename(temp, outPath).catch((error: unknown) => {
        throw new CliError(`cannot write ${request.outPath}: ${systemErrorReason(error)}`, { cause: error });
      });
      created = false;
      progress.finish();
    } catch (error) {
      progress.stop();
      if (created) await rm(temp, { force: true });
      throw error;
    }
    return {
      envelope,
      outPath,
      url: download.url,
      plaintextBytes: plainHash.bytes,
      plaintextSha256: plainHash.sha256,
      ciphertextBytes: cipherHash.bytes,
      ciphertextSha256: cipherHash.sha256,
    };
  } finally {
    dataKey.fill(0);
  }
}

async function openEnvelope(privateKey: X25519KeyInput, envelope: KeyEnvelope, request: DecryptRequest): Promise<Uint8Array> {
  try {
    return await openKeyEnvelope(privateKey, envelope);
  } catch (error) {
    if (isFileCryptoError(error, 'KEY_UNWRAP_FAILED')) {
      throw new CliError(`cannot open ${request.envelopePath}: this envelope was not sealed for this key (${request.keyPath}), or it was altered`);
    }
    if (isFileCryptoError(error, 'INVALID_KEY')) {
      throw new CliError(`${request.keyPath} is not an X25519 private key (expected the PKCS#8 PEM that gridledger keygen writes)`);
    }
    if (isFileCryptoError(error, 'UNSUPPORTED_FORMAT')) {
      throw new CliError(`${request.envelopePath} is not a GridLedger key envelope: ${error.message}`);
    }
    throw error;
  }
}

/** Fails before anything is downloaded when the output cannot be written where asked. */
async function checkOutputPath(outPath: string): Promise<void> {
  const parent = await stat(dirname(outPath)).catch(() => undefined);
  if (parent === undefined || !parent.isDirectory()) throw new CliError(`cannot write ${outPath}: directory ${dirname(outPath)} does not exist`);
  const existing = await stat(outPath).catch(() => undefined);
  if (existing?.isDirectory() === true) throw new CliError(`cannot write ${outPath}: is a directory`);
}

function pipelineError(error: unknown, cid: string, url: string, out: string, signal: AbortSignal | undefined): Error {
  const nothing = `nothing was written to ${out}`;
  if (signal?.aborted === true) return new CliError(`interrupted; ${nothing}`, { exitCode: INTERRUPTED_EXIT_CODE, cause: error });
  if (isFileCryptoError(error, 'INTEGRITY_FAILURE')) {
    return new CliError(`integrity failure: the ciphertext of ${cid} from ${url} does not verify (${error.message}); ${nothing}`, { cause: error });
  }
  if (isFileCryptoError(error, 'TRUNCATED')) {
    return new CliError(`integrity failure: the ciphertext of ${cid} from ${url} is truncated (${error.message}); ${nothing}`, { cause: error });
  }
  if (isFileCryptoError(error)) {
    return new CliError(`${url} did not serve a GridLedger encrypted file for ${cid} (${error.message}); ${nothing}`, { cause: error });
  }
  if (isFileSystemError(error)) return new CliError(`cannot write ${out}: ${systemErrorReason(error)}`, { cause: error });
  return new CliError(`the download of ${cid} from ${url} broke off (${networkReason(error)}); ${nothing}`, { cause: error });
}

/** Errors of the temporary file carry a syscall; the network's come from fetch as TypeErrors. */
function isFileSystemError(error: unknown): boolean {
  return !(error instanceof TypeError) && typeof (error as { syscall?: unknown } | null)?.syscall === 'string';
}
