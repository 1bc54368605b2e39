import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';
import { runCommand } from '../process/run-command.ts';

export const chaincodeDir = (config: StackConfig): string => join(config.paths.repo, 'chaincode', config.chaincode);

/** The vocabulary library the chaincode's build compiles into its dist/ (tsconfig.domain.json). */
const domainSourceDir = (chaincode: string): string => join(chaincode, '..', '..', 'libs', 'domain', 'src');

const compiledSources = (dir: string): string[] =>
  listFiles(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.includes('/test-support/'));

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/**
 * A digest of everything that shapes the deployed contract. It names the chaincode version,
 * so an unchanged contract is never redeployed and any change bumps the sequence.
 */
export function chaincodeSourceHash(dir: string): string {
  const inputs = [
    // what tsconfig.build.json compiles, with the library it bundles: not the unit tests or their stubs
    ...compiledSources(join(dir, 'src')),
    ...compiledSources(domainSourceDir(dir)),
    join(dir, 'package.json'),
    join(dir, 'tsconfig.build.json'),
    join(dir, 'tsconfig.domain.json'),
  ].sort();
  const hash = createHash('sha256');
  for (const file of inputs) {
    hash.update(relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Compiles the chaincode, and the vocabulary library into its dist/, when their sources changed since the last build. */
export async function buildChaincode(config: StackConfig): Promise<string> {
  const dir = chaincodeDir(config);
  const hash = chaincodeSourceHash(dir);
  const marker = join(dir, 'dist', '.source-hash');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) return hash;
  const tsc = join(config.paths.repo, 'node_modules', 'typescript', 'bin', 'tsc');
  await runCommand(process.execPath, [tsc, '-b', join(dir, 'tsconfig.build.json')], { cwd: dir, timeoutMs: 180_000 });
  writeFileSync(marker, hash);
  return hash;
}
