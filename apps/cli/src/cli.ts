import { parseCommandLine, USAGE, type Command } from './args.ts';
import { CliError, UsageError } from './cli-error.ts';
import { decryptToFile } from './decrypt.ts';
import type { CliIo } from './io.ts';
import { writeRecipientKeyPair } from './keygen.ts';
import { formatBytes, ProgressBar, silentProgress } from './progress.ts';

/** Runs one command line; returns the exit code. Every failure is one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`gridledger: ${error.message}\n\n${USAGE}\n`);
    return error.exitCode;
  }
  try {
    switch (command.kind) {
      case 'help':
        io.stdout.write(`${USAGE}\n`);
        return 0;
      case 'keygen':
        await keygen(command, io);
        return 0;
      case 'decrypt':
        await decrypt(command, io);
        return 0;
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`gridledger: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`gridledger: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function keygen(command: Extract<Command, { kind: 'keygen' }>, io: CliIo): Promise<void> {
  const written = await writeRecipientKeyPair(command.outDir);
  if (!command.quiet) {
    io.stderr.write(
      `wrote ${written.privateKeyPath} (your private key: keep it secret and backed up; it is the only way to open envelopes sealed for you)\n` +
        `wrote ${written.publicKeyPath}; register this public key with GridLedger:\n`,
    );
  }
  io.stdout.write(written.publicKeyPem);
}

async function decrypt(command: Extract<Command, { kind: 'decrypt' }>, io: CliIo): Promise<void> {
  const progress = command.quiet ? silentProgress : new ProgressBar(io.stderr, 'downloading', io.now === undefined ? {} : { now: io.now });
  const result = await decryptToFile(command, { progress, ...(io.signal === undefined ? {} : { signal: io.signal }) });
  if (command.quiet) return;
  const { envelope } = result;
  io.stderr.write(
    `decrypted asset ${envelope.assetId} (key version ${envelope.keyVersion}, ${envelope.cid}) into ${command.outPath}: ${formatBytes(result.plaintextBytes)}\n` +
      `  plaintext SHA-256  ${result.plaintextSha256}${command.expectSha256 === undefined ? '' : ' (as expected)'}\n` +
      `  ciphertext SHA-256 ${result.ciphertextSha256}\n`,
  );
}
