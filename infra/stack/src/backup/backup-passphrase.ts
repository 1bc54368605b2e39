import { readFileSync } from 'node:fs';
import { StackError } from '../terminal/stack-error.ts';

export const PASSPHRASE_ENV = 'GRIDLEDGER_BACKUP_PASSPHRASE';
const MIN_LENGTH = 12;

/**
 * The backup passphrase, from `--passphrase-file <file>` or GRIDLEDGER_BACKUP_PASSPHRASE; never
 * from an argument, which any user of the machine could read in the process list.
 */
export function backupPassphrase(args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const at = args.indexOf('--passphrase-file');
  let passphrase: string | undefined;
  if (at >= 0) {
    const file = args[at + 1];
    if (!file) throw new StackError('--passphrase-file needs the path of a file holding the passphrase.');
    try {
      passphrase = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw new StackError(`Could not read the passphrase file ${file}.`);
    }
  } else {
    passphrase = env[PASSPHRASE_ENV];
  }
  if (passphrase === undefined || passphrase === '') {
    throw new StackError(`A backup is encrypted with a passphrase: give it with --passphrase-file <file> or ${PASSPHRASE_ENV}.`);
  }
  if ([...passphrase].length < MIN_LENGTH) throw new StackError(`The backup passphrase must be at least ${MIN_LENGTH} characters long.`);
  return passphrase;
}

/** The first argument that is neither a flag nor a flag's value: the backup file. */
export function backupFileArgument(args: readonly string[], command: string): string {
  const file = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--passphrase-file' && args[i - 1] !== '--topology');
  if (!file) throw new StackError(`Usage: npm run stack -- ${command} <file> [--passphrase-file <file>]`);
  return file;
}
