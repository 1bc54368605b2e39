import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from './cli-error.ts';

/** The dev stack's Kubo gateway (infra/stack ports: kuboGateway). */
export const DEFAULT_GATEWAY = 'http://127.0.0.1:18080';
export const GATEWAY_ENV = 'GRIDLEDGER_IPFS_GATEWAY';

export const USAGE = `Usage: gridledger <command> [options]        (from the repository: npm run -s gridledger -- <command> …)

Decrypts a GridLedger file on your own machine: opens a key envelope with your private key,
downloads the ciphertext from any IPFS gateway and decrypts it, verified end to end.

Commands:
  keygen --out <dir>
      Creates an X25519 key pair: <dir>/recipient-key.pem (private, mode 0600, never share it)
      and <dir>/recipient-key.pub.pem. Prints the public key, which you register with GridLedger.

  decrypt --envelope <envelope.json> --key <private-key.pem> --out <file>
          [--gateway <url>] [--expect-sha256 <hex>]
      Opens the envelope, downloads <gateway>/ipfs/<cid>, decrypts it and moves it to <file>
      only once every chunk verified (and, with --expect-sha256, the plaintext SHA-256 matched
      the hash published on chain). Nothing is left behind on failure.
      --gateway   default: $${GATEWAY_ENV}, else ${DEFAULT_GATEWAY}

Options:
  -q, --quiet   no progress bar and no summary on stderr
  -h, --help    show this text

Exit codes: 0 done, 1 failed, 2 bad command line.`;

export type Command =
  | { kind: 'help' }
  | { kind: 'keygen'; outDir: string; quiet: boolean }
  | {
      kind: 'decrypt';
      envelopePath: string;
      keyPath: string;
      outPath: string;
      gateway: URL;
      /** lowercase hex */
      expectSha256: string | undefined;
      quiet: boolean;
    };

const common = {
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
} as const satisfies ParseArgsOptionsConfig;

const keygenOptions = { ...common, out: { type: 'string' } } as const satisfies ParseArgsOptionsConfig;

const decryptOptions = {
  ...common,
  envelope: { type: 'string' },
  key: { type: 'string' },
  out: { type: 'string' },
  gateway: { type: 'string' },
  'expect-sha256': { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

/** Turns `argv` (without node and script) into a command; throws `UsageError` for anything it cannot run. */
export function parseCommandLine(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('no command given');
  if (command === '-h' || command === '--help' || command === 'help') return { kind: 'help' };
  if (command === 'keygen') {
    const values = parseOptions(rest, keygenOptions);
    if (values.help) return { kind: 'help' };
    return { kind: 'keygen', outDir: required(values.out, '--out'), quiet: values.quiet ?? false };
  }
  if (command === 'decrypt') {
    const values = parseOptions(rest, decryptOptions);
    if (values.help) return { kind: 'help' };
    return {
      kind: 'decrypt',
      envelopePath: required(values.envelope, '--envelope'),
      keyPath: required(values.key, '--key'),
      outPath: required(values.out, '--out'),
      gateway: gatewayUrl(values.gateway, env),
      expectSha256: values['expect-sha256'] === undefined ? undefined : sha256Hex(values['expect-sha256']),
      quiet: values.quiet ?? false,
    };
  }
  throw new UsageError(command.startsWith('-') ? `expected a command before ${command}` : `unknown command "${command}"`);
}

function parseOptions<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    return values;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(parseArgsMessage(error));
  }
}

/** parseArgs' own messages are long and suggest `--`; say the same thing in a few words. */
function parseArgsMessage(error: unknown): string {
  const { code, message = '' } = error as { code?: string; message?: string };
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${/'([^']*)'/.exec(message)?.[1] ?? ''}`.trim();
  const option = /--[\w-]+/.exec(message)?.[0];
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    // a flag given a value (--quiet=yes), or a string option with nothing (or another option) after it
    return message.includes('does not take an argument') ? `${option} takes no value` : `${option} needs a value`;
  }
  return message === '' ? 'cannot parse the command line' : message;
}

function required(value: string | undefined, option: string): string {
  if (value === undefined || value === '') throw new UsageError(`${option} is required`);
  return value;
}

function sha256Hex(text: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new UsageError('--expect-sha256 must be 64 hexadecimal digits (the plaintext SHA-256 on chain)');
  return text.toLowerCase();
}

/** `--gateway`, else the environment, else the dev stack's gateway; an http(s) base URL without query or fragment. */
export function gatewayUrl(option: string | undefined, env: Readonly<Record<string, string | undefined>>): URL {
  const fromEnv = env[GATEWAY_ENV];
  const [text, source] = option !== undefined ? [option, '--gateway'] : fromEnv !== undefined && fromEnv !== '' ? [fromEnv, GATEWAY_ENV] : [DEFAULT_GATEWAY, 'the default gateway'];
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${source} is not a URL (expected e.g. ${DEFAULT_GATEWAY})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${source} must be an http:// or https:// URL`);
  if (url.search !== '' || url.hash !== '') throw new UsageError(`${source} must be a base URL without query or fragment`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}
