import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { caBootstrapAdmin, caTlsRootPath, type PeerOrganization } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { runCommand } from '../process/run-command.ts';
import { binaryLayout } from '../provision/binaries.ts';
import { StackError } from '../terminal/stack-error.ts';

export interface ServiceIdentity {
  mspId: string;
  uid: string;
  certPath: string;
  keyPath: string;
}

const onlyFile = (dir: string): string | undefined => {
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir)[0];
  return name ? join(dir, name) : undefined;
};

/**
 * A service's own Fabric identity in one organisation: enrolled at the org's CA with the `admin`
 * role and the service's name as uid, so system actions carry a signer the chaincode accepts and
 * the lineage names the service. Enrolled once per data directory.
 */
export async function ensureServiceIdentity(config: StackConfig, service: string, org: PeerOrganization): Promise<ServiceIdentity> {
  const dir = join(config.paths.data, 'services', service, 'fabric', org.key);
  const msp = join(dir, 'msp');
  const found = () => ({ cert: onlyFile(join(msp, 'signcerts')), key: onlyFile(join(msp, 'keystore')) });
  let files = found();
  if (!files.cert || !files.key) {
    await enroll(config, service, org, dir, msp);
    files = found();
  }
  if (!files.cert || !files.key) throw new StackError(`The ${service} service identity at ${org.caName} was enrolled but ${msp} holds no certificate and key.`);
  return { mspId: org.mspId, uid: service, certPath: files.cert, keyPath: files.key };
}

async function enroll(config: StackConfig, service: string, org: PeerOrganization, dir: string, msp: string): Promise<void> {
  const client = join(binaryLayout(config).fabricCaBin, 'fabric-ca-client');
  const registrar = caBootstrapAdmin(config, org);
  const registrarHome = join(dir, 'registrar');
  const common = ['--tls.certfiles', caTlsRootPath(config, org), '--caname', org.caName];
  const url = (id: string, secret: string) => `https://${encodeURIComponent(id)}:${encodeURIComponent(secret)}@127.0.0.1:${org.caPort}`;
  // a fresh enrolment id each time: after a partial wipe the CA may still know an older one
  const enrollmentId = `${service}-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(18).toString('base64url');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // runCommand names a failed command by its first three arguments: the URLs with secrets come later
  try {
    await runCommand(client, ['enroll', '-H', registrarHome, '-u', url(registrar.enrollmentId, registrar.secret), ...common], { timeoutMs: 30_000 });
    await runCommand(client, [
      'register', '-H', registrarHome, '-u', `https://127.0.0.1:${org.caPort}`, ...common,
      '--id.name', enrollmentId, '--id.secret', secret, '--id.type', 'client',
      '--id.attrs', `gridledger.role=admin:ecert,gridledger.uid=${service}:ecert`,
    ], { timeoutMs: 30_000 });
    await runCommand(client, ['enroll', '-H', join(dir, 'client'), '-u', url(enrollmentId, secret), '-M', msp, ...common], { timeoutMs: 30_000 });
  } catch (error) {
    throw new StackError(`Could not enrol the ${service} service identity at ${org.caName} (is ca-${org.key} running?): ${(error as Error).message}`);
  } finally {
    // the registrar's enrolment is only needed for the registration
    rmSync(registrarHome, { recursive: true, force: true });
  }
}
