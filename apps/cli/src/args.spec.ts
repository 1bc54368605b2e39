import { describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAY, parseCommandLine, type Command } from './args.ts';
import { UsageError } from './cli-error.ts';

const SHA = 'c0ffee'.repeat(10) + 'c0ff';
const decryptArgs = ['decrypt', '--envelope', 'e.json', '--key', 'k.pem', '--out', 'load-curve.csv'];

function usageError(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseCommandLine(argv, env);
  } catch (error) {
    if (error instanceof UsageError) {
      expect(error.exitCode).toBe(2);
      return error.message;
    }
    throw error;
  }
  throw new Error(`parsed ${JSON.stringify(argv)} but should have been refused`);
}

function decryptCommand(argv: string[], env: Record<string, string> = {}): Extract<Command, { kind: 'decrypt' }> {
  const command = parseCommandLine(argv, env);
  if (command.kind !== 'decrypt') throw new Error(`expected decrypt, got ${command.kind}`);
  return command;
}

describe('parseCommandLine', () => {
  it('parses decrypt with every option, in any order and in --name=value form', () => {
    const command = decryptCommand(['decrypt', '--out=o.csv', '-q', '--gateway', 'https://gw.example/base', '--expect-sha256', SHA.toUpperCase(), '--key', 'k.pem', '--envelope', 'e.json']);
    expect(command).toEqual({ kind: 'decrypt', envelopePath: 'e.json', keyPath: 'k.pem', outPath: 'o.csv', expectSha256: SHA, quiet: true, gateway: new URL('https://gw.example/base/') });
  });

  it('takes the gateway from --gateway, else GRIDLEDGER_IPFS_GATEWAY, else the dev stack', () => {
    const env = { GRIDLEDGER_IPFS_GATEWAY: 'http://ipfs.internal:8080' };
    expect(decryptCommand([...decryptArgs, '--gateway', 'https://dweb.link'], env).gateway.href).toBe('https://dweb.link/');
    expect(decryptCommand(decryptArgs, env).gateway.href).toBe('http://ipfs.internal:8080/');
    expect(decryptCommand(decryptArgs, { GRIDLEDGER_IPFS_GATEWAY: '' }).gateway.href).toBe(`${DEFAULT_GATEWAY}/`);
    expect(decryptCommand(decryptArgs).gateway.href).toBe('http://127.0.0.1:18080/');
    expect(decryptCommand(decryptArgs)).toMatchObject({ quiet: false, expectSha256: undefined });
  });

  it('parses keygen', () => {
    expect(parseCommandLine(['keygen', '--out', 'keys'], {})).toEqual({ kind: 'keygen', outDir: 'keys', quiet: false });
  });

  it('recognises --help anywhere', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['decrypt', '--help'], ['keygen', '-h'], [...decryptArgs, '--help']]) {
      expect(parseCommandLine(argv, {})).toEqual({ kind: 'help' });
    }
  });

  it('refuses missing commands, unknown commands and unknown options', () => {
    expect(usageError([])).toBe('no command given');
    expect(usageError(['encrypt'])).toBe('unknown command "encrypt"');
    expect(usageError(['--out', 'x'])).toBe('expected a command before --out');
    expect(usageError([...decryptArgs, '--force'])).toBe('unknown option --force');
    // options of one command are not accepted by the other
    expect(usageError(['keygen', '--out', 'k', '--key', 'x'])).toBe('unknown option --key');
  });

  it('names each missing required option', () => {
    expect(usageError(['decrypt', '--key', 'k.pem', '--out', 'o'])).toBe('--envelope is required');
    expect(usageError(['decrypt', '--envelope', 'e.json', '--out', 'o'])).toBe('--key is required');
    expect(usageError(['decrypt', '--envelope', 'e.json', '--key', 'k.pem'])).toBe('--out is required');
    expect(usageError(['decrypt', '--envelope', '', '--key', 'k.pem', '--out', 'o'])).toBe('--envelope is required');
    expect(usageError(['keygen'])).toBe('--out is required');
  });

  it('refuses options without their value, values for flags and stray arguments', () => {
    expect(usageError(['decrypt', '--envelope', 'e.json', '--key', 'k.pem', '--out'])).toBe('--out needs a value');
    expect(usageError(['decrypt', '--envelope', '--key', 'k.pem', '--out', 'o'])).toBe('--envelope needs a value');
    expect(usageError([...decryptArgs, '--quiet=yes'])).toBe('--quiet takes no value');
    expect(usageError([...decryptArgs, '-x'])).toBe('unknown option -x');
    expect(usageError([...decryptArgs, 'extra.csv'])).toBe('unexpected argument "extra.csv"');
  });

  it('refuses a malformed --expect-sha256', () => {
    for (const bad of ['abc', SHA.slice(1), `${SHA}0`, `0x${SHA.slice(2)}`, SHA.replace('c', 'g')]) {
      expect(usageError([...decryptArgs, '--expect-sha256', bad])).toMatch(/^--expect-sha256 must be 64 hexadecimal digits/);
    }
  });

  it('refuses gateways that are not http(s) base URLs, naming where the value came from', () => {
    expect(usageError([...decryptArgs, '--gateway', '127.0.0.1:8080'])).toBe('--gateway is not a URL (expected e.g. http://127.0.0.1:18080)');
    expect(usageError([...decryptArgs, '--gateway', 'localhost:8080'])).toMatch(/^--gateway must be an http/);
    expect(usageError([...decryptArgs, '--gateway', 'not a url'])).toMatch(/^--gateway is not a URL/);
    expect(usageError([...decryptArgs, '--gateway', 'ftp://gw.example'])).toMatch(/^--gateway must be an http/);
    expect(usageError([...decryptArgs, '--gateway', 'https://gw.example/?token=1'])).toMatch(/^--gateway must be a base URL without query/);
    expect(usageError(decryptArgs, { GRIDLEDGER_IPFS_GATEWAY: 'file:///etc' })).toMatch(/^GRIDLEDGER_IPFS_GATEWAY must be an http/);
  });
});
