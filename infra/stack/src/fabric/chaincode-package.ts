import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../process/run-command.ts';

export interface CcaasPackage {
  label: string;
  /** where the peer dials the chaincode server */
  address: string;
}

/**
 * Same files in, same bytes out: the package id is a hash of the archive, and a deploy that
 * stopped between two peers must find the same id when it resumes.
 */
async function reproducibleTarGz(cwd: string, out: string, files: string[]): Promise<void> {
  const tar = out.replace(/\.gz$/, '');
  await runCommand('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '--mode=u=rw,go=r', '-cf', tar, ...files], { cwd });
  await runCommand('gzip', ['-n', '-f', tar], { cwd });
}

/**
 * A chaincode-as-a-service package: metadata.json naming the ccaas type, and code.tar.gz
 * holding only connection.json. The peer never builds or runs code from it.
 */
export async function writeCcaasPackage(pkg: CcaasPackage, outFile: string, outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'ccaas-'));
  try {
    writeFileSync(join(work, 'connection.json'), JSON.stringify({ address: pkg.address, dial_timeout: '10s', tls_required: false }));
    writeFileSync(join(work, 'metadata.json'), JSON.stringify({ type: 'ccaas', label: pkg.label }));
    await reproducibleTarGz(work, 'code.tar.gz', ['connection.json']);
    await reproducibleTarGz(work, 'package.tar.gz', ['metadata.json', 'code.tar.gz']);
    copyFileSync(join(work, 'package.tar.gz'), outFile);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
