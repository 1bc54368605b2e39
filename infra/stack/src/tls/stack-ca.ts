import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stackCaFiles } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { runCommand } from '../process/run-command.ts';


const openssl = (args: string[]) => runCommand('openssl', args, { timeoutMs: 60_000 });

/**
 * The stack's own certificate authority, for the TLS of Kafka (and whatever else the stack serves
 * over TLS). Created once per data directory with openssl (where: `stackCaFiles`).
 */
async function ensureStackCa(config: StackConfig): Promise<void> {
  const files = stackCaFiles(config);
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  if (existsSync(files.caCert) && existsSync(files.caKey)) return;
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', files.caKey]);
  await openssl(['req', '-x509', '-new', '-key', files.caKey, '-sha256', '-days', '3650', '-subj', '/O=GridLedger/CN=GridLedger stack CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', files.caCert]);
}

/** Paths of an issued certificate's files. */
export interface IssuedCertificate {
  /** the private key (PKCS#8, unencrypted), the certificate and the CA in one file: a PEM keystore */
  keystore: string;
  cert: string;
  key: string;
}

/**
 * The issuing of this process, one at a time: the ha topology starts three Kafka nodes at once,
 * each wanting the broker certificate, and three openssl runs writing the same CSR (and the same
 * CA, on a fresh stack) made one read a half-written file ("Expecting: CERTIFICATE REQUEST").
 */
let issuing: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const result = issuing.then(work, work);
  issuing = result.catch(() => undefined);
  return result;
}

/**
 * Issues a server-and-client certificate for `commonName`, valid for loopback, signed by the
 * stack's CA. Reissued only when missing, so restarts keep the same files.
 */
export function ensureCertificate(config: StackConfig, commonName: string, altNames: string[] = ['IP:127.0.0.1', 'DNS:localhost']): Promise<IssuedCertificate> {
  return oneAtATime(() => issueCertificate(config, commonName, altNames));
}

async function issueCertificate(config: StackConfig, commonName: string, altNames: string[]): Promise<IssuedCertificate> {
  await ensureStackCa(config);
  const files = stackCaFiles(config);
  const base = join(files.dir, commonName);
  const paths = { key: `${base}-key.pem`, cert: `${base}.pem`, keystore: `${base}-keystore.pem` };
  if (!existsSync(paths.keystore)) {
    const csr = `${base}.csr`;
    const ext = `${base}.ext`;
    await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', paths.key]);
    await openssl(['req', '-new', '-key', paths.key, '-subj', `/CN=${commonName}`, '-out', csr]);
    writeFileSync(ext, `subjectAltName=${altNames.join(',')}\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature\n`);
    await openssl(['x509', '-req', '-in', csr, '-CA', files.caCert, '-CAkey', files.caKey, '-CAcreateserial', '-days', '1825', '-sha256', '-extfile', ext, '-out', paths.cert]);
    const [key, cert, ca] = await Promise.all([readFile(paths.key, 'utf8'), readFile(paths.cert, 'utf8'), readFile(files.caCert, 'utf8')]);
    writeFileSync(paths.keystore, `${key.trim()}\n${cert.trim()}\n${ca.trim()}\n`, { mode: 0o600 });
  }
  return paths;
}
